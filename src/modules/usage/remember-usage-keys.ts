import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { sqlLocalDay } from './usage-events.ts';

/**
 * Before staged events are written (import or API, in its transaction): keeps the current account and local
 * day of every staged event id that already exists, in temp table `usage_before`, because an update may move
 * an event to another day or account and the rollup it leaves must be recomputed too.
 */
export async function rememberUsageKeys(
  trx: TDb,
  { workspaceId, timezone }: { workspaceId: string; timezone: string },
): Promise<void> {
  // Dropped first: a caller may write several batches in one transaction.
  await sql`drop table if exists usage_before`.execute(trx);
  await sql`
    create temp table usage_before on commit drop as
    select e.id, e.account_id, ${sqlLocalDay(sql`e.occurred_at`, timezone)} as day
    from events e join import_stage s on s.id = e.id
    where e.workspace_id = ${workspaceId}`.execute(trx);
}
