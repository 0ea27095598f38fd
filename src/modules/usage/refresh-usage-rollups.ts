import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { sqlLocalDay } from './usage-events.ts';
import { type TRollupScope, writeUsageRollups } from './write-usage-rollups.ts';

/**
 * An index probe per (account, day) key costs about as much as reading this many event rows in order: past
 * that, re-reading the touched accounts' whole histories is cheaper (a first import of a million events
 * touches hundreds of thousands of account-days; a batch of a thousand touches about a thousand).
 */
const ROWS_PER_RANGE_KEY = 20;

/**
 * After staged events were written (keys in `import_changed`, old places in `usage_before` from
 * `rememberUsageKeys`): recomputes the rollups of every (account, local day) an inserted or updated event
 * is on now or was on before, in set-based SQL. Leaves those keys in temp table `usage_keys` (for the
 * caller, e.g. to queue the accounts for rescoring) and returns how many there are.
 */
export async function refreshUsageRollups(
  trx: TDb,
  { workspaceId, timezone, scope }: { workspaceId: string; timezone: string; scope?: TRollupScope },
): Promise<number> {
  const day = sqlLocalDay(sql`e.occurred_at`, timezone);
  await sql`drop table if exists usage_keys`.execute(trx);
  await sql`
    create temp table usage_keys on commit drop as
    select account_id, day,
      (day::timestamp at time zone ${timezone}::text) as starts,
      ((day + 1)::timestamp at time zone ${timezone}::text) as ends
    from (
      select b.account_id, b.day from usage_before b join import_changed c on c.key = b.id
      union
      select e.account_id, ${day} from events e join import_changed c on c.key = e.id
      where e.workspace_id = ${workspaceId}
    ) k`.execute(trx);
  // Planner statistics (whole tables, all workspaces) are estimate enough to pick a plan.
  const { rows } = await sql<{ keys: number; accounts: number; events_per_account: number }>`
    select count(*) as keys, count(distinct account_id) as accounts,
      (select greatest(reltuples, 0) from pg_class where oid = 'events'::regclass)
        / (select greatest(reltuples, 1) from pg_class where oid = 'accounts'::regclass) as events_per_account
    from usage_keys`.execute(trx);
  const { keys = 0, accounts = 0, events_per_account: perAccount = 0 } = rows[0] ?? {};
  if (keys === 0) return 0;
  await sql`analyze usage_keys`.execute(trx);
  const chosen = scope ?? (keys * ROWS_PER_RANGE_KEY > accounts * perAccount ? 'accounts' : 'range');
  await writeUsageRollups(trx, { workspaceId, timezone, scope: chosen });
  return keys;
}
