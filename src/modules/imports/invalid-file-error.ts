import { AppError } from '../../errors.ts';
import type { TImportError } from './import-types.ts';

/**
 * The error of a file that is not imported: one `file:line: column: message` line per error (the first
 * 100 of `total`), as shared/spec/data.md ("General rules") promises. `details.errors` carries the same
 * list for the HTTP API and `--format json`.
 */
export function invalidFileError(errors: TImportError[], total: number, displayName: string): AppError {
  const lines = errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.message}`);
  if (total > errors.length) lines.push(`… and ${total - errors.length} more`);
  lines.push(
    `nothing from ${displayName} was imported (fix the rows, or skip invalid rows to import the rest)`,
  );
  return new AppError('invalid_input', lines.join('\n'), { errors, total });
}
