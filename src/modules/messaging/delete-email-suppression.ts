import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** Lets an address receive email again. Throws `not_found` when it was not suppressed. */
export async function deleteEmailSuppression({
  db,
  workspaceId,
  email,
}: {
  db: TDb;
  workspaceId: string;
  email: string;
}): Promise<{ email: string; deleted: true }> {
  const address = email.trim().toLowerCase();
  const result = await db
    .deleteFrom('email_suppressions')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', address)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new AppError('not_found', `"${address}" is not suppressed`);
  return { email: address, deleted: true };
}
