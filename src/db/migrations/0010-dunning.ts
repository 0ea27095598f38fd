import { type Kysely, sql } from 'kysely';

/** The dunning tables (issue 4). Frozen once landed: never edit after that. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table payment_methods (
      workspace_id text not null,
      id text not null,
      account_id text not null,
      type text not null check (type in ('card', 'direct_debit', 'bank_transfer', 'wallet', 'other')),
      brand text,
      last4 text,
      exp_month int check (exp_month between 1 and 12),
      exp_year int,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade
    )`.execute(db);
  await sql`create index payment_methods_account on payment_methods (workspace_id, account_id)`.execute(db);

  await sql`
    create table dunning_policies (
      workspace_id text not null,
      id text not null,
      name text not null,
      tier text,
      segment_id text,
      priority int not null default 100,
      retry_days int[] not null default '{1,2,3,5,7,9,11,14}',
      notify_days int[] not null default '{0,3,7,14}',
      csm_task_first boolean not null default false,
      task_days_before_email int not null default 2,
      grace_days int not null default 7,
      final_action text not null default 'leave_past_due'
        check (final_action in ('leave_past_due', 'cancel', 'webhook')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, segment_id) references segments (workspace_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table dunning_cases (
      workspace_id text not null,
      id text not null,
      invoice_id text not null,
      account_id text not null,
      status text not null default 'open' check (status in ('open', 'recovered', 'failed', 'closed')),
      decline_kind text not null check (decline_kind in ('hard', 'soft')),
      first_failure_code text,
      last_failure_code text,
      last_failure_at timestamptz not null,
      attempts_made int not null default 0,
      blocked_reason text,
      amount numeric not null,
      currency text not null,
      amount_reporting numeric,
      mrr numeric not null default 0,
      tier text,
      policy_id text,
      policy jsonb not null,
      schedule_anchor timestamptz not null,
      opened_at timestamptz not null,
      recovered_at timestamptz,
      recovered_attempt int,
      closed_at timestamptz,
      final_action_taken text,
      primary key (workspace_id, id),
      foreign key (workspace_id, invoice_id) references invoices (workspace_id, id) on delete cascade,
      foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade
    )`.execute(db);
  await sql`create index dunning_cases_opened on dunning_cases (workspace_id, opened_at)`.execute(db);
  await sql`create index dunning_cases_open on dunning_cases (workspace_id, account_id) where status = 'open'`.execute(
    db,
  );

  await sql`
    create table dunning_attempts (
      workspace_id text not null,
      case_id text not null,
      attempt_no int not null,
      scheduled_at timestamptz not null,
      attempted_at timestamptz,
      provider text,
      idempotency_key text not null,
      outcome text not null default 'pending' check (outcome in ('pending', 'succeeded', 'failed')),
      failure_code text,
      provider_reference text,
      primary key (workspace_id, case_id, attempt_no),
      foreign key (workspace_id, case_id) references dunning_cases (workspace_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table payment_provider_settings (
      workspace_id text not null primary key references workspaces (workspace_id) on delete cascade,
      kind text not null check (kind in ('stripe', 'http')),
      stripe_api_key text,
      stripe_base_url text,
      http_url text,
      http_secret text,
      update_payment_url text,
      public_url text,
      updated_at timestamptz not null default now()
    )`.execute(db);
}
