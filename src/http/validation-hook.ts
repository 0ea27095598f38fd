import type { Context } from 'hono';
import type { ZodError } from 'zod';

/** zod failures of query or path parameters: 400 with every issue, in the shape of every other error. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const message = result.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return c.json({ error: { code: 'invalid_input', message, issues: result.error.issues } }, 400);
}
