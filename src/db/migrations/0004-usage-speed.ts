import { type Kysely, sql } from 'kysely';

/**
 * Distinct contacts per account, local day and event name: what makes `usage_daily.users` exact when a
 * batch of new events is added incrementally. A contact's first event of a name on a day inserts a row here
 * (`on conflict do nothing` tells whether it was new), so the count is raised by exactly the new contacts,
 * even with concurrent batches (the unique key makes the second writer wait and find the row). Recounting
 * from `events` instead would read the account's whole day per key on every batch. Filled from the existing
 * events here. No foreign key: the rows derive from events, whose own keys are checked, and a check per row
 * cost a third of the table's write on a first import (PGlite). Frozen: never edit.
 */
const statements = [
  `create table usage_daily_contacts (
    workspace_id text not null,
    account_id text not null,
    day date not null,
    name text not null,
    contact_id text not null,
    primary key (workspace_id, account_id, day, name, contact_id)
  )`,
  `insert into usage_daily_contacts (workspace_id, account_id, day, name, contact_id)
    select distinct e.workspace_id, e.account_id, (e.occurred_at at time zone w.timezone)::date, e.name, e.contact_id
    from events e join workspaces w on w.workspace_id = e.workspace_id
    where e.contact_id is not null`,
  // Every batch of new events re-marks the same accounts stale. On full pages each such update moves the
  // row to another page and adds an index entry that only a vacuum removes: after a few hundred batches a
  // lookup walks hundreds of dead versions (measured: 124 buffers per upserted row). With room left on each
  // page most updates stay on their page (HOT) and old versions are pruned in place. The table holds one
  // row per queued account, so the space costs nothing.
  `alter table health_stale set (fillfactor = 50)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
