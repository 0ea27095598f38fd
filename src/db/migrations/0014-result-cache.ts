import { type Kysely, sql } from 'kysely';

/**
 * Computed results kept until their data changes (issue 5: every page's data under 300 ms at 100,000
 * accounts). The reports that scan a period's invoice lines, payments or answers take seconds at that size;
 * their answer is stored in `result_cache` with the version of the data it was computed from, served while
 * that version holds, and recomputed in the background once it moves (src/modules/cache).
 *
 * The version comes from `data_changes`: every transaction that writes a table of a domain leaves one row
 * (workspace, domain, its transaction id), written by statement triggers, so no code path that writes can
 * forget it. A domain's version is the sum of its rows' weights: the number of committed transactions that
 * changed it. Rows are only inserted, never updated, so writers never wait for each other; compaction folds
 * old rows into one that carries their summed weight, which keeps the sum. Frozen once landed: never edit
 * after that.
 */
const domains: Record<string, string[]> = {
  billing: [
    'accounts',
    'plans',
    'subscriptions',
    'invoices',
    'invoice_lines',
    'payments',
    'fx_rates',
    'costs',
    'mrr_movements',
  ],
  engagement: ['contacts', 'tickets', 'survey_responses', 'email_events'],
  // Scores are rewritten by every health refresh; segments change only when their members do.
  health: ['health_scores', 'health_scorecards', 'account_profiles', 'lifecycle_events', 'account_tags'],
  segments: ['segments', 'segment_memberships'],
  retention: [
    'churn_reasons',
    'retention_settings',
    'playbooks',
    'playbook_enrollments',
    'email_messages',
    'dunning_cases',
  ],
};

const statements = [
  `create table data_changes (
    workspace_id text not null,
    domain text not null,
    txid bigint not null,
    weight bigint not null default 1,
    primary key (workspace_id, domain, txid)
  )`,
  `create table result_cache (
    workspace_id text not null,
    key text not null,
    endpoint text not null,
    params text not null,
    version text not null,
    result text not null,
    computed_at timestamptz not null default now(),
    used_at timestamptz not null default now(),
    primary key (workspace_id, key),
    foreign key (workspace_id) references workspaces (workspace_id) on delete cascade
  )`,
  // One row per transaction, workspace and domain, whatever the number of rows or statements.
  `create function note_data_change() returns trigger language plpgsql as $$
  begin
    insert into data_changes (workspace_id, domain, txid)
    select distinct workspace_id, tg_argv[0], txid_current() from changed_rows
    on conflict do nothing;
    return null;
  end $$`,
  // A workspace's settings (currency, time zone, metric options) change what the reports compute.
  `create trigger workspaces_changed after update on workspaces referencing new table as changed_rows
    for each statement execute function note_data_change('billing')`,
  ...Object.entries(domains).flatMap(([domain, tables]) =>
    tables.flatMap((table) => [
      `create trigger ${table}_inserted after insert on ${table} referencing new table as changed_rows
        for each statement execute function note_data_change('${domain}')`,
      `create trigger ${table}_updated after update on ${table} referencing new table as changed_rows
        for each statement execute function note_data_change('${domain}')`,
      `create trigger ${table}_deleted after delete on ${table} referencing old table as changed_rows
        for each statement execute function note_data_change('${domain}')`,
    ]),
  ),
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
