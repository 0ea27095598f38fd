import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

/** The workspace's keys, oldest first, revoked ones included (the secret itself is never stored). */
export async function findApiKeys({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TApiKeySummary[]> {
  await getWorkspace({ db, workspaceId });
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  }));
}
