import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { SIGNAL_EVENTS } from './usage-events.ts';

/** Newly inserted events, one array entry per event; `days` are local days (YYYY-MM-DD). */
export type TNewUsageEvents = {
  accountIds: string[];
  days: string[];
  names: string[];
  contactIds: (string | null)[];
  /** Exact decimal strings. */
  quantities: string[];
};

/**
 * Adds newly inserted events to the rollups without re-reading `events`: new contacts go into
 * `usage_daily_users` and `usage_daily_contacts` (`on conflict do nothing`), and `usage_daily` is raised by
 * the batch's counts, quantities and the contacts that were new for their name and day. Only for events
 * that did not exist before (an update must rewrite its old and new days: `rewriteUsageDays`).
 *
 * Safe with concurrent batches on the same keys without any workspace-wide lock: every write is an upsert
 * taking row locks, in key order in every statement and in the same table order in every transaction, so
 * concurrent batches wait for each other per row instead of deadlocking; a contact new to two batches at
 * once is counted once (the second insert waits for the first and then finds the row).
 */
export async function addUsageEvents(trx: TDb, workspaceId: string, events: TNewUsageEvents): Promise<void> {
  if (events.accountIds.length === 0) return;
  const input = sql`unnest(${events.accountIds}::text[], ${events.days}::date[], ${events.names}::text[],
    ${events.contactIds}::text[], ${events.quantities}::numeric[]) as e (account_id, day, name, contact_id, quantity)`;
  await sql`
    insert into usage_daily_users (workspace_id, account_id, day, contact_id)
    select distinct ${workspaceId}, e.account_id, e.day, e.contact_id from ${input}
    where e.contact_id is not null and e.name <> all(${SIGNAL_EVENTS}::text[])
    order by 2, 3, 4
    on conflict do nothing`.execute(trx);
  // The contacts insert runs to completion before the rollup upsert reads its output (grouped), so the two
  // tables are locked in that order.
  await sql`
    with e as (select * from ${input}),
    new_contacts as (
      insert into usage_daily_contacts (workspace_id, account_id, day, name, contact_id)
      select distinct ${workspaceId}, e.account_id, e.day, e.name, e.contact_id from e
      where e.contact_id is not null
      order by 2, 3, 4, 5
      on conflict do nothing
      returning account_id, day, name),
    added as (select account_id, day, name, count(*) as users from new_contacts group by 1, 2, 3)
    insert into usage_daily as u (workspace_id, account_id, day, name, events, quantity, users)
    select ${workspaceId}, e.account_id, e.day, e.name, count(*), sum(e.quantity), coalesce(max(a.users), 0)
    from e left join added a on a.account_id = e.account_id and a.day = e.day and a.name = e.name
    group by e.account_id, e.day, e.name
    order by 2, 3, 4
    on conflict (workspace_id, account_id, day, name) do update
    set events = u.events + excluded.events, quantity = u.quantity + excluded.quantity,
      users = u.users + excluded.users`.execute(trx);
}
