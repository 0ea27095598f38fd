import { type Kysely, sql } from 'kysely';

/**
 * Outgoing webhooks (endpoints, deliveries and every attempt) and incoming Stripe webhooks (the workspace's
 * signing secret, and the event ids already seen, so a redelivered event is applied once). Issue 4 §5.
 * Frozen once landed: never edit after that.
 */
const statements = [
  `create table webhook_endpoints (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    url text not null,
    description text,
    secret text not null,
    event_types text[] not null default '{}',
    is_enabled boolean not null default true,
    created_at timestamptz not null default now(),
    primary key (workspace_id, id)
  )`,
  `create table webhook_deliveries (
    workspace_id text not null,
    id text not null,
    endpoint_id text not null,
    event_type text not null,
    idempotency_key text not null,
    payload jsonb not null,
    status text not null default 'pending' check (status in ('pending','delivered','dead')),
    attempts integer not null default 0,
    last_status_code integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, endpoint_id, idempotency_key),
    foreign key (workspace_id, endpoint_id) references webhook_endpoints (workspace_id, id) on delete cascade
  )`,
  `create index webhook_deliveries_recent on webhook_deliveries (workspace_id, endpoint_id, created_at desc)`,
  `create table webhook_delivery_attempts (
    workspace_id text not null,
    delivery_id text not null,
    attempt integer not null,
    attempted_at timestamptz not null,
    status_code integer,
    error text,
    duration_ms integer not null,
    primary key (workspace_id, delivery_id, attempt),
    foreign key (workspace_id, delivery_id) references webhook_deliveries (workspace_id, id) on delete cascade
  )`,
  `create table stripe_settings (
    workspace_id text not null primary key references workspaces on delete cascade,
    webhook_secret text not null,
    api_key text,
    updated_at timestamptz not null default now()
  )`,
  `create table stripe_events (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    type text not null,
    received_at timestamptz not null default now(),
    processed_at timestamptz,
    primary key (workspace_id, id)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
