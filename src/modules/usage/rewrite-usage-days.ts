import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { writeUsageRollups } from './write-usage-rollups.ts';

/**
 * Rewrites the rollups of the given (account, local day) keys from `events` (the `range` scope of
 * `writeUsageRollups`), e.g. the old and new days of updated events. The keys are left in temp table
 * `usage_keys`. The caller holds the workspace's derived-rows lock exclusively (rows are deleted and
 * re-inserted).
 */
export async function rewriteUsageDays(
  trx: TDb,
  {
    workspaceId,
    timezone,
    accountIds,
    days,
  }: { workspaceId: string; timezone: string; accountIds: string[]; days: string[] },
): Promise<void> {
  await sql`drop table if exists usage_keys`.execute(trx);
  await sql`
    create temp table usage_keys on commit drop as
    select account_id, day,
      (day::timestamp at time zone ${timezone}::text) as starts,
      ((day + 1)::timestamp at time zone ${timezone}::text) as ends
    from (select distinct account_id, day from unnest(${accountIds}::text[], ${days}::date[]) k (account_id, day)) k`.execute(
    trx,
  );
  await writeUsageRollups(trx, { workspaceId, timezone, scope: 'range' });
}
