import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

export type TFormat = 'table' | 'json' | 'csv';

export type TColumn<R> = {
  header: string;
  value: (row: R) => string;
  align?: 'left' | 'right';
};

export type TOutput<R> = {
  format: TFormat;
  /** Printed as is for `--format json`: the module's result, the contract of shared/spec/cli.md. */
  json: unknown;
  /** Flat records for `--format csv`: every field, one record per period / movement / cohort month. */
  rows: Record<string, unknown>[];
  /** The readable subset for `--format table`. */
  table: { rows: R[]; columns: TColumn<R>[]; title?: string; empty?: string };
};

/** Writes a command's result to stdout, alone, in the chosen format. */
export function printOutput<R>(output: TOutput<R>): void {
  if (output.format === 'json') {
    process.stdout.write(`${JSON.stringify(output.json, null, 2)}\n`);
    return;
  }
  if (output.format === 'csv') {
    const columns = [...new Set(output.rows.flatMap((row) => Object.keys(row)))];
    process.stdout.write(stringify(output.rows, { header: true, columns, cast: { boolean: String } }));
    return;
  }
  const { rows, columns, title, empty } = output.table;
  if (title) process.stdout.write(`${title}\n`);
  if (rows.length === 0) {
    process.stdout.write(`${empty ?? 'nothing to show'}\n`);
    return;
  }
  const table = new Table({
    head: columns.map((column) => column.header),
    colAligns: columns.map((column) => column.align ?? 'right'),
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(columns.map((column) => column.value(row)));
  // cli-table3 draws the same rule under the header and between all rows; keep only the header's, so a
  // long table stays compact and easy to scan.
  const lines = table.toString().split('\n');
  const headerRule = lines.findIndex((line) => line.startsWith('├'));
  const compact = lines.filter((line, index) => index === headerRule || !line.startsWith('├'));
  process.stdout.write(`${compact.join('\n')}\n`);
}
