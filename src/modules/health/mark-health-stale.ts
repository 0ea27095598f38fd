import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * Queues accounts whose health inputs changed, in the caller's transaction, so the refresher rescores them
 * within a minute (issue 3: "not a nightly batch"). `accountIds` undefined = every account of the workspace.
 * Rows are upserted in account order, so concurrent writers queueing the same accounts wait for each other
 * instead of deadlocking.
 */
export async function markHealthStale({
  db,
  workspaceId,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  accountIds: readonly string[] | undefined;
}): Promise<void> {
  if (accountIds?.length === 0) return;
  const ids = accountIds
    ? sql`select distinct a.id from accounts a
        where a.workspace_id = ${workspaceId} and a.id = any(${accountIds}::text[])`
    : sql`select a.id from accounts a where a.workspace_id = ${workspaceId}`;
  await sql`
    insert into health_stale (workspace_id, account_id, marked_at)
    select ${workspaceId}, id, now() from (${ids}) ids
    order by id
    on conflict (workspace_id, account_id) do update set marked_at = excluded.marked_at`.execute(db);
}
