/**
 * Import speed: generates accounts, fx_rates, invoices, invoice_lines and events CSVs (default 500,000
 * invoices, lines and events) in a temp dir and imports them into each engine (the server into a private
 * schema, dropped afterwards; PGlite into a temp data dir), printing per file and phase the seconds and
 * rows/s. `recompute` is the MRR recompute of the revenue module, reported apart from the import's own work.
 *   node --import tsx bench/import-speed.ts [--rows N] [--engines pglite,postgres] [--files a,b] [--reimport]
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) selects the server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore, type TOpenStoreOptions } from '../src/db/connect.ts';
import { importPaths } from '../src/modules/imports/import-paths.ts';
import type { TImportPhase } from '../src/modules/imports/import-types.ts';
import { importDataRows, writeImportData } from './import-speed-data.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    files: { type: 'string', default: 'accounts,fx_rates,invoices,invoice_lines,events' },
    reimport: { type: 'boolean', default: false },
    data: { type: 'string' },
  },
});
const rows = Number(values.rows);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-import-speed-'));
const dataDir = values.data ?? path.join(tmp, 'data');
if (!values.data) {
  const started = performance.now();
  writeImportData(dataDir, rows);
  console.log(`generated ${JSON.stringify(importDataRows(rows))} in ${seconds(started)} s`);
}
const files = values.files.split(',').map((f) => path.join(dataDir, `${f}.csv`));

try {
  for (const engine of values.engines.split(',').filter(Boolean)) {
    const schema = `bench_import_${randomBytes(4).toString('hex')}`;
    const options: TOpenStoreOptions =
      engine === 'postgres' ? { databaseUrl: url, schema } : { dataDir: path.join(tmp, 'store') };
    const store = await openStore(options);
    try {
      for (const pass of values.reimport ? ['first', 'again'] : ['first']) {
        console.log(`\n${engine} (${pass} import)`);
        const phases: TImportPhase[] = [];
        const started = performance.now();
        const summary = await importPaths({
          store,
          workspaceId: 'bench',
          paths: files,
          onPhase: (p) => phases.push(p),
        });
        for (const file of summary.files) printFile(file.entity, file.rows, file.seconds, phases);
        const total = summary.files.reduce((n, f) => n + f.rows, 0);
        console.log(`  all: ${total} rows in ${seconds(started)} s`);
      }
    } finally {
      if (engine === 'postgres') await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function printFile(entity: string, n: number, total: number, phases: TImportPhase[]): void {
  const mine = phases.filter((p) => p.entity === entity);
  const own = total - (mine.find((p) => p.phase === 'recompute')?.seconds ?? 0);
  const parts = mine.map((p) => `${p.phase} ${p.seconds.toFixed(2)}s (${rate(n, p.seconds)}/s)`);
  console.log(
    `  ${entity.padEnd(13)} ${String(n).padStart(8)} rows  ${total.toFixed(2)}s  without recompute ${rate(n, own)}/s\n    ${parts.join('  ')}`,
  );
}

function rate(n: number, s: number): string {
  return s > 0 ? `${Math.round(n / s / 1000)}k` : '-';
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}
