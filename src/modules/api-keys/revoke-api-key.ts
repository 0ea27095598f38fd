import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

/**
 * Revokes a key of the workspace; it stops authenticating at once. Revoking a revoked key keeps its first
 * revocation time. The row stays, so `api-keys list` still shows when the key was revoked.
 */
export async function revokeApiKey({
  db,
  workspaceId,
  id,
}: {
  db: TDb;
  workspaceId: string;
  id: string;
}): Promise<{ id: string; revoked_at: string }> {
  await getWorkspace({ db, workspaceId });
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning(['id', 'revoked_at'])
    .executeTakeFirst();
  if (!row?.revoked_at) throw new AppError('not_found', `no API key "${id}" in workspace "${workspaceId}"`);
  return { id: row.id, revoked_at: row.revoked_at.toISOString() };
}
