import { AppError, exitCodeOf } from '../errors.ts';

type TRowError = { file: string; line: number; column: string; message: string };

function isRowError(value: unknown): value is TRowError {
  return (
    typeof value === 'object' && value !== null && 'file' in value && 'line' in value && 'message' in value
  );
}

/** Import errors listed one per line as `file:line: column: message` (shared/spec/data.md). */
function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (isRowError(detail)) return `${detail.file}:${detail.line}: ${detail.column}: ${detail.message}`;
  return JSON.stringify(detail);
}

/**
 * Prints an error for a person on stderr and returns the exit code (1 bad input, 2 bad usage). An
 * AppError's message is meant for users; anything else is a bug, so its stack helps the report.
 */
export function reportError(error: unknown): 1 | 2 {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    const details = error.details as { errors?: unknown } | undefined;
    if (details && Array.isArray(details.errors)) {
      // Modules often list the errors in the message already; print each line once.
      for (const detail of details.errors) {
        const line = formatDetail(detail);
        if (!error.message.includes(line)) process.stderr.write(`${line}\n`);
      }
    }
    return exitCodeOf(error);
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`error: unexpected failure: ${message}\n`);
  return exitCodeOf(error);
}
