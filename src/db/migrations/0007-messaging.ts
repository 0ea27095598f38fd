import { type Kysely, sql } from 'kysely';

/**
 * Email (issue 4 §4): per-workspace SMTP and sending-window settings, custom templates (built-in ones live in
 * code), every message queued with its rendered content and delivery status, and the addresses that must
 * never be mailed again. As everywhere, `workspace_id` leads every primary and foreign key. Frozen: never
 * edit after it lands.
 */
const statements = [
  // One row per workspace, created on first use. A null window_start means "send at any time".
  `create table email_settings (
    workspace_id text not null references workspaces on delete cascade,
    smtp_host text,
    smtp_port integer not null default 587 check (smtp_port between 1 and 65535),
    smtp_secure boolean not null default false,
    smtp_username text,
    smtp_password text,
    from_address text,
    from_name text,
    reply_to text,
    window_start text default '09:00' check (window_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    window_end text default '17:00' check (window_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    window_days integer[] not null default '{1,2,3,4,5}',
    default_locale text not null default 'en' check (default_locale in ('en','es')),
    public_url text not null default 'http://localhost:4000',
    tracking_secret text not null,
    updated_at timestamptz not null default now(),
    primary key (workspace_id),
    check ((window_start is null) = (window_end is null))
  )`,
  `create table email_templates (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    locale text not null check (locale in ('en','es')),
    subject text not null,
    html text not null,
    text text not null,
    updated_at timestamptz not null default now(),
    primary key (workspace_id, id, locale)
  )`,
  `create table email_messages (
    workspace_id text not null,
    id text not null,
    idempotency_key text not null,
    account_id text not null,
    contact_id text not null,
    to_email text not null,
    template_id text not null,
    locale text not null,
    subject text not null,
    html text not null,
    text text not null,
    status text not null check (status in ('queued','sent','failed','suppressed','uncertain')),
    send_at timestamptz,
    sent_at timestamptz,
    smtp_response text,
    error text,
    source text,
    created_at timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, idempotency_key),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade,
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
  )`,
  `create index email_messages_account on email_messages (workspace_id, account_id, created_at)`,
  `create index email_messages_status on email_messages (workspace_id, status, created_at)`,
  // Addresses are stored lower-cased: suppression must not be dodged by a capital letter.
  `create table email_suppressions (
    workspace_id text not null references workspaces on delete cascade,
    email text not null check (email = lower(email)),
    reason text not null check (reason in ('unsubscribed','bounced','manual')),
    created_at timestamptz not null default now(),
    primary key (workspace_id, email)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
