/**
 * The one error type of Tenure. Every code maps to an HTTP status and a CLI exit code here and nowhere else.
 *
 * Codes:
 * - `invalid_input`   bad data or arguments from the user (HTTP 400, exit 1)
 * - `invalid_usage`   a command or flag used wrongly (HTTP 400, exit 2)
 * - `unauthorized`    missing or wrong credentials (HTTP 401, exit 1)
 * - `forbidden`       authenticated but not allowed (HTTP 403, exit 1)
 * - `not_found`       the named record does not exist in this workspace (HTTP 404, exit 1)
 * - `conflict`        the change collides with current state (HTTP 409, exit 1)
 * - `payload_too_large` request body over the limit (HTTP 413, exit 1)
 * - `rate_limited`    too many attempts; retry later (HTTP 429, exit 1)
 * - `store_locked`    another process holds the embedded store (HTTP 503, exit 1)
 * - `internal`        a bug: anything else (HTTP 500, exit 1)
 */
export type TErrorCode =
  | 'invalid_input'
  | 'invalid_usage'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'store_locked'
  | 'internal';

export class AppError extends Error {
  readonly code: TErrorCode;
  /** Extra machine-readable detail, e.g. the list of row errors of an import. */
  readonly details?: unknown;

  constructor(code: TErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

const httpStatus: Record<TErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503> = {
  invalid_input: 400,
  invalid_usage: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  store_locked: 503,
  internal: 500,
};

export function httpStatusOf(error: unknown): 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503 {
  return error instanceof AppError ? httpStatus[error.code] : 500;
}

export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof AppError && error.code === 'invalid_usage' ? 2 : 1;
}
