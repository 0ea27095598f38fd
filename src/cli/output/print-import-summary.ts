import path from 'node:path';
import type { TImportFileSummary, TImportSummary } from '../../modules/imports/import-types.ts';
import { createFormatters, NULL_MARK } from './format-values.ts';
import { printOutput, type TFormat } from './print-output.ts';

/** What an import (or the demo) did per file; warnings go to stderr, where they are seen but not parsed. */
export function printImportSummary(
  summary: TImportSummary,
  { format, isTemporary = false }: { format: TFormat; isTemporary?: boolean },
): void {
  const f = createFormatters({ currency: 'USD', color: false });
  // Files of a temporary directory (the demo's) are gone after the import: their names say enough.
  const relative = (file: string) => {
    if (isTemporary) return path.basename(file);
    const shown = path.relative(process.cwd(), file);
    return shown && !shown.startsWith('..') ? shown : file;
  };
  const seconds = summary.files.reduce((sum, file) => sum + file.seconds, 0);
  const total = {
    file: 'total',
    rows: summary.files.reduce((sum, file) => sum + file.rows, 0),
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    seconds,
  } as TImportFileSummary;
  const rate = (s: TImportFileSummary) =>
    s.seconds > 0 ? f.count(Math.round(s.rows / s.seconds)) : NULL_MARK;
  printOutput<TImportFileSummary>({
    format,
    json: summary,
    rows: summary.files.map((file) => ({ ...file })),
    table: {
      rows: summary.files.length > 1 ? [...summary.files, total] : summary.files,
      empty: 'no files imported',
      columns: [
        { header: 'File', value: (s) => (s === total ? 'total' : relative(s.file)), align: 'left' },
        { header: 'Rows', value: (s) => f.count(s.rows) },
        { header: 'Inserted', value: (s) => f.count(s.inserted) },
        { header: 'Updated', value: (s) => f.count(s.updated) },
        { header: 'Unchanged', value: (s) => f.count(s.unchanged) },
        { header: 'Rejected', value: (s) => f.count(s.rejected) },
        {
          header: 'Rejects file',
          value: (s) => (s.rejects_file ? relative(s.rejects_file) : NULL_MARK),
          align: 'left',
        },
        { header: 'Seconds', value: (s) => s.seconds.toFixed(1) },
        { header: 'Rows/s', value: rate },
      ],
    },
  });
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
}
