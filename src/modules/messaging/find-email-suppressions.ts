import type { TDb } from '../../db/connect.ts';
import type { TEmailSuppression } from './suppress-email.ts';

export async function findEmailSuppressions({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<{ suppressions: TEmailSuppression[] }> {
  const rows = await db
    .selectFrom('email_suppressions')
    .select(['email', 'reason', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('email')
    .execute();
  return { suppressions: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })) };
}
