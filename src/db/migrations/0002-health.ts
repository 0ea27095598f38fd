import { type Kysely, sql } from 'kysely';

/**
 * Account health (issue 3): usage rollups kept current as events arrive, versioned health scorecards and
 * the daily scores they produce, the queue of accounts whose score is stale, rule-based segments, tiers
 * and lifecycle stages, and the history of accounts entering and leaving them (what automation triggers
 * on). As in 0001, `workspace_id` leads every primary and foreign key. Frozen: never edit.
 */
const statements = [
  // One row per account, local day (workspace time zone) and event name: what `events` holds, summed.
  `create table usage_daily (
    workspace_id text not null,
    account_id text not null,
    day date not null,
    name text not null,
    events integer not null check (events > 0),
    quantity numeric not null,
    users integer not null default 0,
    primary key (workspace_id, account_id, day, name),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index usage_daily_day on usage_daily (workspace_id, day)`,
  // Distinct active contacts per account and day: active users over 7 or 30 days cannot be summed from
  // per-day counts, so the distinct contacts are kept.
  `create table usage_daily_users (
    workspace_id text not null,
    account_id text not null,
    day date not null,
    contact_id text not null,
    primary key (workspace_id, account_id, day, contact_id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  // A scorecard's every version is kept, so a stored score always names the definition that made it.
  `create table health_scorecards (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    version integer not null check (version >= 1),
    name text not null,
    definition jsonb not null,
    is_default boolean not null default false,
    created_at timestamptz not null default now(),
    archived_at timestamptz,
    primary key (workspace_id, id, version)
  )`,
  // One score per account and local day, with every measure's value, score, weight and contribution.
  `create table health_scores (
    workspace_id text not null,
    account_id text not null,
    date date not null,
    scorecard_id text not null,
    scorecard_version integer not null,
    score numeric not null check (score >= 0 and score <= 100),
    band text not null check (band in ('red','yellow','green')),
    measures jsonb not null,
    computed_at timestamptz not null default now(),
    primary key (workspace_id, account_id, date),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id),
    foreign key (workspace_id, scorecard_id, scorecard_version)
      references health_scorecards (workspace_id, id, version)
  )`,
  `create index health_scores_date on health_scores (workspace_id, date)`,
  // Accounts whose inputs changed since their score was computed: written in the transaction that
  // changed the data, drained by the health refresher within a minute.
  `create table health_stale (
    workspace_id text not null,
    account_id text not null,
    marked_at timestamptz not null default now(),
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create table segments (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    description text,
    filter text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (workspace_id, id)
  )`,
  `create table segment_memberships (
    workspace_id text not null,
    segment_id text not null,
    account_id text not null,
    entered_at timestamptz not null default now(),
    primary key (workspace_id, segment_id, account_id),
    foreign key (workspace_id, segment_id) references segments (workspace_id, id) on delete cascade,
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index segment_memberships_account on segment_memberships (workspace_id, account_id)`,
  // The computed tier and lifecycle stage of each account.
  `create table account_profiles (
    workspace_id text not null,
    account_id text not null,
    tier text not null check (tier in ('vip','core','non_core','potential')),
    stage text not null,
    tier_since timestamptz not null default now(),
    stage_since timestamptz not null default now(),
    computed_at timestamptz not null default now(),
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  // What happened to an account's classification, in order: the events automation triggers on.
  `create table lifecycle_events (
    workspace_id text not null,
    id bigint generated always as identity,
    account_id text not null,
    type text not null check (type in
      ('segment_entered','segment_left','tier_changed','stage_changed','health_band_changed')),
    segment_id text,
    from_value text,
    to_value text,
    occurred_at timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index lifecycle_events_time on lifecycle_events (workspace_id, occurred_at)`,
  `create index lifecycle_events_account on lifecycle_events (workspace_id, account_id, occurred_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
