import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { SIGNAL_EVENTS, sqlLocalDay } from './usage-events.ts';

/**
 * Which rollup rows to rewrite, given the (account, day) keys in temp table `usage_keys(account_id, day,
 * starts, ends)`: all of the workspace; each key's day, read by an index range scan per key (`range`: few
 * keys); or every day of each account named by a key (`accounts`: when keys are so many that reading the
 * accounts' whole histories once is cheaper than a probe per key — a join on the computed local day
 * cannot be estimated and the planner falls back to a filtered index scan per key, quadratic in effect).
 */
export type TRollupScope = 'workspace' | 'range' | 'accounts';

/**
 * Rewrites rollup rows from `events` in SQL: deletes the scope's rows of `usage_daily`, `usage_daily_users`
 * and `usage_daily_contacts`, then aggregates the events again. "Events" of a row = `count(*)` of event rows,
 * `quantity` = their summed quantity (what the summaries count, since one row may stand for many uses);
 * `users` = distinct contacts of that name and day. Active users leave out the relationship signals.
 */
export async function writeUsageRollups(
  trx: TDb,
  { workspaceId, timezone, scope }: { workspaceId: string; timezone: string; scope: TRollupScope },
): Promise<void> {
  const day = sqlLocalDay(sql`e.occurred_at`, timezone);
  let join: RawBuilder<unknown> = sql``;
  let only: RawBuilder<unknown> = sql``;
  if (scope === 'range') {
    join = sql`join usage_keys k on k.account_id = e.account_id
      and e.occurred_at >= k.starts and e.occurred_at < k.ends`;
  } else if (scope === 'accounts') {
    only = sql`and e.account_id in (select account_id from usage_keys)`;
  }
  for (const table of ['usage_daily', 'usage_daily_users', 'usage_daily_contacts']) {
    if (scope === 'range') {
      await sql`delete from ${sql.table(table)} u using usage_keys k
        where u.workspace_id = ${workspaceId} and u.account_id = k.account_id and u.day = k.day`.execute(trx);
    } else {
      await sql`delete from ${sql.table(table)} e where e.workspace_id = ${workspaceId} ${only}`.execute(trx);
    }
  }
  // Grouped by position: the time zone parameter makes the day expression of the select list and of a
  // `group by` two different expressions to the planner.
  await sql`
    insert into usage_daily (workspace_id, account_id, day, name, events, quantity, users)
    select ${workspaceId}, e.account_id, ${day}, e.name, count(*), sum(e.quantity), count(distinct e.contact_id)
    from events e ${join}
    where e.workspace_id = ${workspaceId} ${only}
    group by 2, 3, 4`.execute(trx);
  await sql`
    insert into usage_daily_users (workspace_id, account_id, day, contact_id)
    select distinct ${workspaceId}, e.account_id, ${day}, e.contact_id
    from events e ${join}
    where e.workspace_id = ${workspaceId} ${only} and e.contact_id is not null
      and e.name <> all(${SIGNAL_EVENTS}::text[])`.execute(trx);
  await sql`
    insert into usage_daily_contacts (workspace_id, account_id, day, name, contact_id)
    select distinct ${workspaceId}, e.account_id, ${day}, e.name, e.contact_id
    from events e ${join}
    where e.workspace_id = ${workspaceId} ${only} and e.contact_id is not null`.execute(trx);
}
