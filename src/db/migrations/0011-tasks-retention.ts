import { type Kysely, sql } from 'kysely';

/**
 * CSM tasks and retention (issue 4): the tasks of the team's queues, the workspace's churn reason codes,
 * and the secret that signs offboarding survey links. As in 0001, `workspace_id` leads every primary and
 * foreign key. Frozen once landed: never edit after that.
 */
const statements = [
  `create table tasks (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    title text not null,
    description text,
    owner_email text,
    due_on date,
    priority text not null default 'normal' check (priority in ('low','normal','high','urgent')),
    status text not null default 'open' check (status in ('open','in_progress','done','cancelled')),
    source text not null default 'manual' check (source in ('manual','playbook','dunning')),
    source_playbook_id text,
    source_enrollment_id text,
    idempotency_key text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    completed_at timestamptz,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade
  )`,
  // A playbook step or a dunning run that retries creates its task once: same key, same task.
  `create unique index tasks_idempotency on tasks (workspace_id, idempotency_key)
    where idempotency_key is not null`,
  // The queues: one owner's open work by due date.
  `create index tasks_queue on tasks (workspace_id, owner_email, status, due_on)`,
  `create index tasks_account on tasks (workspace_id, account_id)`,
  `create table churn_reasons (
    workspace_id text not null references workspaces on delete cascade,
    code text not null,
    label_en text not null,
    label_es text not null,
    is_active boolean not null default true,
    position integer not null default 0,
    primary key (workspace_id, code)
  )`,
  // One row per workspace: the HMAC key of offboarding links and the public address they point to.
  `create table retention_settings (
    workspace_id text not null references workspaces on delete cascade,
    signing_secret text not null,
    public_url text,
    updated_at timestamptz not null default now(),
    primary key (workspace_id)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
