import { type Kysely, sql } from 'kysely';

/**
 * People who sign in to the dashboard (issue 5): users of a workspace with a role, their sessions, and the
 * failed logins that rate limiting counts. Sessions and failures live in the database, not in memory, so
 * that they survive restarts and hold across processes. Frozen: never edit.
 */
const statements = [
  `create table users (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    email text not null check (email = lower(email)),
    name text,
    role text not null check (role in ('admin','manager','csm','viewer')),
    password_hash text not null,
    locale text not null default 'en' check (locale in ('en','es')),
    created_at timestamptz not null default now(),
    disabled_at timestamptz,
    primary key (workspace_id, id),
    unique (workspace_id, email)
  )`,
  // The token itself is never stored: id_hash is its sha256, unique across workspaces because a cookie
  // alone must find its session.
  `create table sessions (
    workspace_id text not null,
    id_hash text not null unique,
    user_id text not null,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_seen_at timestamptz not null default now(),
    primary key (workspace_id, id_hash),
    foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
  )`,
  `create index sessions_user on sessions (workspace_id, user_id)`,
  // No foreign key to workspaces: a failed login into a workspace that does not exist still counts
  // against the caller's address.
  `create table login_attempts (
    workspace_id text not null,
    id bigint generated always as identity,
    email text not null,
    ip text not null,
    attempted_at timestamptz not null default now(),
    primary key (workspace_id, id)
  )`,
  `create index login_attempts_email on login_attempts (workspace_id, email, attempted_at)`,
  `create index login_attempts_ip on login_attempts (ip, attempted_at)`,
  `create index login_attempts_time on login_attempts (attempted_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
