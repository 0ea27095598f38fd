import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, httpStatusOf } from '../errors.ts';

/**
 * The one place where errors become HTTP responses: `{ error: { code, message } }` with the status of
 * `httpStatusOf`. Anything that is not an AppError is a bug: logged, and answered without internals.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message };
    if (error.details !== undefined && error.code !== 'unauthorized') body.details = error.details;
    return c.json({ error: body }, httpStatusOf(error));
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(
      { error: { code: 'invalid_input', message: error.message || 'bad request' } },
      error.status,
    );
  }
  console.error(error);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}
