import { type Kysely, sql } from 'kysely';

/**
 * The jobs tables (issue 4): a durable queue of our own rather than pg-boss, because every table keeps
 * workspace_id in its primary key (the shard key) and on PGlite all work must go through our Kysely
 * dialect. `side_effects` remembers every email, webhook or payment a job sent, by idempotency key, so a
 * retried or resumed job never sends twice. Frozen once landed: never edit after that.
 */
const statements = [
  // id is the job's key: a deterministic one makes a second enqueue of the same work a no-op.
  // max_attempts null means "the definition's maxAttempts" (resolved when the job runs).
  `create table jobs (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    payload jsonb not null default '{}',
    status text not null default 'queued' check (status in ('queued','running','done','dead')),
    run_at timestamptz not null,
    attempts integer not null default 0,
    max_attempts integer check (max_attempts >= 1),
    last_error text,
    locked_by text,
    locked_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz,
    primary key (workspace_id, id)
  )`,
  // What workers poll: only the few unfinished jobs are indexed, however many finished ones pile up.
  `create index jobs_due on jobs (run_at) where status in ('queued','running')`,
  `create index jobs_listing on jobs (workspace_id, status, created_at desc)`,
  `create table side_effects (
    workspace_id text not null references workspaces on delete cascade,
    key text not null,
    kind text not null,
    status text not null check (status in ('claimed','done','uncertain')),
    claimed_at timestamptz not null default now(),
    completed_at timestamptz,
    result jsonb,
    primary key (workspace_id, key)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
