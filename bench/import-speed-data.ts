import fs from 'node:fs';
import path from 'node:path';

/** Rows per file written by `writeImportData` for `rows` invoices (lines and events as many, accounts /10). */
export function importDataRows(rows: number): Record<string, number> {
  const accounts = Math.max(1, Math.floor(rows / 10));
  return { accounts, fx_rates: 24, invoices: rows, invoice_lines: rows, events: rows };
}

/**
 * Writes accounts, fx_rates, invoices, invoice_lines and events CSVs shaped like a billing export: one in
 * ten invoices in EUR (so the FX checks run), subscription lines with service periods, events with a JSON
 * `properties` field (quoted, with doubled quotes) so the parser's quoted path is measured too.
 */
export function writeImportData(dir: string, rows: number): void {
  const accounts = importDataRows(rows).accounts!;
  fs.mkdirSync(dir, { recursive: true });
  writeFile(
    path.join(dir, 'accounts.csv'),
    'id,name,created_at,plan_tier',
    accounts,
    (i) => `acc_${i},"Account ${i}, Inc.",2023-01-${pad((i % 28) + 1)},${i % 3 === 0 ? 'pro' : 'basic'}`,
  );
  writeFile(
    path.join(dir, 'fx_rates.csv'),
    'date,currency,rate',
    24,
    (i) => `${2023 + Math.floor(i / 12)}-${pad((i % 12) + 1)}-01,EUR,1.${pad(8 + (i % 5))}`,
  );
  writeFile(
    path.join(dir, 'invoices.csv'),
    'id,account_id,issued_at,currency,status',
    rows,
    (i) => `inv_${i},acc_${i % accounts},${month(i)}-15T10:00:00Z,${i % 10 === 0 ? 'EUR' : 'USD'},paid`,
  );
  writeFile(
    path.join(dir, 'invoice_lines.csv'),
    'id,invoice_id,type,subscription_id,plan_id,service_start,service_end,quantity,amount,discount,tax',
    rows,
    (i) => {
      const start = `${month(i)}-15`;
      return `line_${i},inv_${i},subscription,sub_${i % accounts},plan_${i % 7},${start},${nextMonth(i)}-15,1,${49 + (i % 50)}.99,0,${i % 9}.50`;
    },
  );
  writeFile(
    path.join(dir, 'events.csv'),
    'id,account_id,contact_id,name,occurred_at,quantity,properties',
    rows,
    (i) =>
      `ev_${i},acc_${i % accounts},,feature_used,${month(i)}-${pad((i % 28) + 1)}T${pad(i % 24)}:30:00+02:00,${1 + (i % 4)},"{""feature"":""report_${i % 13}"",""seats"":${i % 40}}"`,
  );
}

function writeFile(file: string, header: string, rows: number, row: (i: number) => string): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${header}\n`);
  for (let start = 0; start < rows; start += 20_000) {
    const chunk: string[] = [];
    for (let i = start; i < Math.min(rows, start + 20_000); i++) chunk.push(row(i));
    fs.writeSync(fd, `${chunk.join('\n')}\n`);
  }
  fs.closeSync(fd);
}

const pad = (n: number) => String(n).padStart(2, '0');
const month = (i: number) => `${2023 + (Math.floor(i / 12) % 2)}-${pad((i % 12) + 1)}`;
const nextMonth = (i: number) =>
  i % 12 === 11
    ? `${2024 + (Math.floor(i / 12) % 2)}-01`
    : `${2023 + (Math.floor(i / 12) % 2)}-${pad((i % 12) + 2)}`;
