import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * Clears the stale marks made up to `markedUpTo` (a database timestamp): for after a full scoring of today
 * that read everything those marks stood for, such as the demo's backfill. Without it the refresher's first
 * pass rescores every account the import marked, and on the embedded store the job worker waits behind it.
 * Marks made after `markedUpTo` stay queued.
 */
export async function clearHealthStale({
  db,
  workspaceId,
  markedUpTo,
}: {
  db: TDb;
  workspaceId: string;
  markedUpTo: Date;
}): Promise<number> {
  const result = await sql`
    delete from health_stale
    where workspace_id = ${workspaceId} and marked_at <= ${markedUpTo}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
