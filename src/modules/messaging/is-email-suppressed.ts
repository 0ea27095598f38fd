import type { TDb } from '../../db/connect.ts';

export async function isEmailSuppressed({
  db,
  workspaceId,
  email,
}: {
  db: TDb;
  workspaceId: string;
  email: string;
}): Promise<boolean> {
  const row = await db
    .selectFrom('email_suppressions')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}
