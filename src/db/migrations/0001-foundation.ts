import { type Kysely, sql } from 'kysely';

/**
 * The foundation schema: workspaces, API keys, every record of shared/spec/data.md, and the derived MRR
 * movements. Every table has `workspace_id` first in its primary key and in every foreign key, so that a
 * workspace can become a shard key. Money is `numeric`, never floating point. Frozen: never edit, add a
 * new migration instead.
 */
const statements = [
  `create table workspaces (
    workspace_id text primary key,
    reporting_currency char(3) not null default 'USD',
    timezone text not null default 'UTC',
    settings jsonb not null default '{}',
    created_at timestamptz not null default now()
  )`,
  `create table api_keys (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    prefix text not null,
    key_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    primary key (workspace_id, id)
  )`,
  `create table accounts (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    created_at timestamptz,
    owner_email text,
    lifecycle_stage text,
    revenue_potential numeric,
    parent_id text,
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now(),
    primary key (workspace_id, id)
  )`,
  `create table contacts (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    email text not null,
    name text,
    role text,
    is_billing_contact boolean not null default false,
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index contacts_account on contacts (workspace_id, account_id)`,
  `create table fx_rates (
    workspace_id text not null references workspaces on delete cascade,
    currency char(3) not null,
    date date not null,
    rate numeric not null check (rate > 0),
    primary key (workspace_id, currency, date)
  )`,
  `create table plans (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    name text not null,
    interval_unit text not null check (interval_unit in ('day','week','month','year')),
    interval_count integer not null default 1 check (interval_count >= 1),
    amount numeric,
    currency char(3),
    version text,
    primary key (workspace_id, id)
  )`,
  `create table subscriptions (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    plan_id text,
    status text not null check (status in ('trialing','active','past_due','paused','cancelled')),
    started_at timestamptz,
    trial_end timestamptz,
    cancelled_at timestamptz,
    cancellation_reason text,
    cancellation_comment text,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index subscriptions_account on subscriptions (workspace_id, account_id)`,
  `create table invoices (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    issued_at timestamptz not null,
    currency char(3) not null,
    status text not null check (status in ('draft','open','paid','void','uncollectible')),
    due_at timestamptz,
    paid_at timestamptz,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index invoices_account on invoices (workspace_id, account_id)`,
  `create table invoice_lines (
    workspace_id text not null,
    id text not null,
    invoice_id text not null,
    type text not null check (type in ('subscription','one_time')),
    subscription_id text,
    plan_id text,
    service_start date,
    service_end date,
    quantity numeric not null default 1,
    amount numeric not null,
    discount numeric not null default 0,
    tax numeric not null default 0,
    primary key (workspace_id, id),
    foreign key (workspace_id, invoice_id) references invoices (workspace_id, id),
    check (type = 'one_time' or (subscription_id is not null and service_start is not null
      and service_end is not null and service_end > service_start))
  )`,
  `create index invoice_lines_invoice on invoice_lines (workspace_id, invoice_id)`,
  `create index invoice_lines_subscription on invoice_lines (workspace_id, subscription_id, service_start)`,
  `create table payments (
    workspace_id text not null,
    id text not null,
    invoice_id text not null,
    attempted_at timestamptz not null,
    amount numeric not null,
    currency char(3) not null,
    outcome text not null check (outcome in ('succeeded','failed','refunded')),
    failure_code text,
    payment_method text check (payment_method in ('card','direct_debit','bank_transfer','wallet','other')),
    primary key (workspace_id, id),
    foreign key (workspace_id, invoice_id) references invoices (workspace_id, id)
  )`,
  `create index payments_invoice on payments (workspace_id, invoice_id)`,
  `create table events (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    contact_id text,
    name text not null,
    occurred_at timestamptz not null,
    quantity numeric not null default 1,
    properties jsonb,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id)
  )`,
  `create index events_account_time on events (workspace_id, account_id, occurred_at)`,
  `create table tickets (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    contact_id text,
    opened_at timestamptz not null,
    resolved_at timestamptz,
    status text not null check (status in ('open','pending','solved','closed')),
    agent_replies integer check (agent_replies >= 0),
    channel text,
    priority text,
    is_complaint boolean not null default false,
    satisfaction smallint check (satisfaction between 1 and 5),
    subject text,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id)
  )`,
  `create index tickets_account on tickets (workspace_id, account_id, opened_at)`,
  `create table survey_responses (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    contact_id text,
    survey text not null,
    score numeric not null,
    comment text,
    responded_at timestamptz not null,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id)
  )`,
  `create index survey_responses_account on survey_responses (workspace_id, account_id, responded_at)`,
  `create table email_events (
    workspace_id text not null,
    id text not null,
    contact_id text not null,
    message_id text not null,
    type text not null check (type in ('delivered','opened','clicked','bounced','unsubscribed')),
    occurred_at timestamptz not null,
    primary key (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id)
  )`,
  `create index email_events_contact on email_events (workspace_id, contact_id, occurred_at)`,
  `create table costs (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    period_start timestamptz not null,
    period_end timestamptz not null,
    amount numeric not null,
    currency char(3) not null,
    kind text not null check (kind in ('retention','acquisition')),
    category text,
    primary key (workspace_id, id),
    check (period_end > period_start)
  )`,
  // Derived from invoice lines by the revenue module: one row per account and day on which its MRR changed.
  `create table mrr_movements (
    workspace_id text not null,
    account_id text not null,
    date date not null,
    type text not null check (type in ('new','expansion','contraction','churn','reactivation')),
    amount numeric not null check (amount > 0),
    mrr_before numeric not null,
    mrr_after numeric not null,
    primary key (workspace_id, account_id, date),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id)
  )`,
  `create index mrr_movements_date on mrr_movements (workspace_id, date)`,
  // One row per imported file: what it did, for the audit trail and `tenure import` summaries.
  `create table import_runs (
    workspace_id text not null references workspaces on delete cascade,
    id text not null,
    file text not null,
    entity text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    inserted integer not null default 0,
    updated integer not null default 0,
    unchanged integer not null default 0,
    rejected integer not null default 0,
    primary key (workspace_id, id)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
