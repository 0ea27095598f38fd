import { type Kysely, sql } from 'kysely';

/**
 * Playbooks (issue 4 §2): automation definitions, the accounts enrolled in them with a log of every step
 * run, how far each playbook's trigger has been evaluated, and free-form account tags (a step may add or
 * remove them). As everywhere, `workspace_id` leads every primary and foreign key. Frozen: never edit.
 */
const statements = [
  `create table playbooks (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    description text,
    template_id text,
    is_enabled boolean not null default false,
    definition jsonb not null,
    version integer not null default 1 check (version >= 1),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (workspace_id, id)
  )`,
  // One row per account and trigger occurrence: the unique key is what makes enrolling idempotent.
  `create table playbook_enrollments (
    workspace_id text not null,
    id text not null,
    playbook_id text not null,
    playbook_version integer not null,
    account_id text not null,
    occurrence_key text not null,
    status text not null default 'active' check (status in ('active','completed','exited','failed')),
    next_step_id text,
    -- A step job that finds now < resume_at is a late duplicate of a wait's predecessor: it does nothing.
    resume_at timestamptz,
    context jsonb not null default '{}',
    enrolled_at timestamptz not null,
    finished_at timestamptz,
    exit_reason text,
    primary key (workspace_id, id),
    unique (workspace_id, playbook_id, occurrence_key),
    foreign key (workspace_id, playbook_id) references playbooks (workspace_id, id) on delete cascade,
    foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade
  )`,
  `create index playbook_enrollments_account on playbook_enrollments (workspace_id, account_id, enrolled_at)`,
  `create index playbook_enrollments_playbook on playbook_enrollments (workspace_id, playbook_id, enrolled_at)`,
  `create table playbook_enrollment_log (
    workspace_id text not null,
    enrollment_id text not null,
    seq integer not null,
    at timestamptz not null,
    step_id text,
    step_type text,
    outcome text not null,
    detail jsonb not null default '{}',
    primary key (workspace_id, enrollment_id, seq),
    foreign key (workspace_id, enrollment_id) references playbook_enrollments (workspace_id, id) on delete cascade
  )`,
  `create table playbook_watermarks (
    workspace_id text not null,
    playbook_id text not null,
    evaluated_until timestamptz not null,
    active_from timestamptz not null,
    primary key (workspace_id, playbook_id),
    foreign key (workspace_id, playbook_id) references playbooks (workspace_id, id) on delete cascade
  )`,
  `create table account_tags (
    workspace_id text not null,
    account_id text not null,
    tag text not null,
    created_at timestamptz not null default now(),
    primary key (workspace_id, account_id, tag),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade
  )`,
  // Event-like triggers read each table by time every minute (src/modules/playbooks/trigger-*.ts): without
  // these, every evaluation would scan the whole table of the workspace.
  `create index events_name_time on events (workspace_id, name, occurred_at)`,
  `create index payments_time on payments (workspace_id, attempted_at)`,
  `create index survey_responses_time on survey_responses (workspace_id, responded_at)`,
  `create index subscriptions_cancelled on subscriptions (workspace_id, cancelled_at) where cancelled_at is not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
