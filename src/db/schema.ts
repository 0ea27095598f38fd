import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CacheTables } from './schema-cache.ts';
import type { DunningTables } from './schema-dunning.ts';
import type { JobsTables } from './schema-jobs.ts';
import type { MessagingTables } from './schema-messaging.ts';
import type { NotesTables } from './schema-notes.ts';
import type { PlaybooksTables } from './schema-playbooks.ts';
import type { RetentionTables } from './schema-retention.ts';
import type { WebhooksTables } from './schema-webhooks.ts';

/** `numeric` columns: read as exact decimal strings, written as strings (or integers). */
export type Numeric = ColumnType<string, string | number, string | number>;
export type NumericNull = ColumnType<string | null, string | number | null, string | number | null>;
/** `date` columns: read and written as `YYYY-MM-DD` strings (parsers set in connect.ts). */
export type DateOnly = string;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type TimestampNull = ColumnType<Date | null, Date | string | null, Date | string | null>;
export type Json = ColumnType<unknown, string, string>;

export type WorkspacesTable = {
  workspace_id: string;
  reporting_currency: Generated<string>;
  timezone: Generated<string>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
};

export type ApiKeysTable = {
  workspace_id: string;
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: Generated<Date>;
  last_used_at: TimestampNull;
  revoked_at: TimestampNull;
};

export type AccountsTable = {
  workspace_id: string;
  id: string;
  name: string;
  created_at: TimestampNull;
  owner_email: string | null;
  lifecycle_stage: string | null;
  revenue_potential: NumericNull;
  parent_id: string | null;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  updated_at: Generated<Date>;
};

export type ContactsTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  email: string;
  name: string | null;
  role: string | null;
  is_billing_contact: Generated<boolean>;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  updated_at: Generated<Date>;
};

export type FxRatesTable = { workspace_id: string; currency: string; date: DateOnly; rate: Numeric };

export type PlansTable = {
  workspace_id: string;
  id: string;
  name: string;
  interval_unit: 'day' | 'week' | 'month' | 'year';
  interval_count: Generated<number>;
  amount: NumericNull;
  currency: string | null;
  version: string | null;
};

export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'paused' | 'cancelled';
export type SubscriptionsTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  plan_id: string | null;
  status: SubscriptionStatus;
  started_at: TimestampNull;
  trial_end: TimestampNull;
  cancelled_at: TimestampNull;
  cancellation_reason: string | null;
  cancellation_comment: string | null;
};

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
export type InvoicesTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  issued_at: Timestamp;
  currency: string;
  status: InvoiceStatus;
  due_at: TimestampNull;
  paid_at: TimestampNull;
};

export type InvoiceLinesTable = {
  workspace_id: string;
  id: string;
  invoice_id: string;
  type: 'subscription' | 'one_time';
  subscription_id: string | null;
  plan_id: string | null;
  service_start: DateOnly | null;
  service_end: DateOnly | null;
  quantity: Numeric;
  amount: Numeric;
  discount: Numeric;
  tax: Numeric;
};

export type PaymentsTable = {
  workspace_id: string;
  id: string;
  invoice_id: string;
  attempted_at: Timestamp;
  amount: Numeric;
  currency: string;
  outcome: 'succeeded' | 'failed' | 'refunded';
  failure_code: string | null;
  payment_method: 'card' | 'direct_debit' | 'bank_transfer' | 'wallet' | 'other' | null;
};

export type EventsTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  contact_id: string | null;
  name: string;
  occurred_at: Timestamp;
  quantity: Numeric;
  properties: ColumnType<Record<string, unknown> | null, string | null, string | null>;
};

export type TicketsTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  contact_id: string | null;
  opened_at: Timestamp;
  resolved_at: TimestampNull;
  status: 'open' | 'pending' | 'solved' | 'closed';
  agent_replies: number | null;
  channel: string | null;
  priority: string | null;
  is_complaint: Generated<boolean>;
  satisfaction: number | null;
  subject: string | null;
};

export type SurveyResponsesTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  contact_id: string | null;
  survey: string;
  score: Numeric;
  comment: string | null;
  responded_at: Timestamp;
};

export type EmailEventsTable = {
  workspace_id: string;
  id: string;
  contact_id: string;
  message_id: string;
  type: 'delivered' | 'opened' | 'clicked' | 'bounced' | 'unsubscribed';
  occurred_at: Timestamp;
};

export type CostsTable = {
  workspace_id: string;
  id: string;
  period_start: Timestamp;
  period_end: Timestamp;
  amount: Numeric;
  currency: string;
  kind: 'retention' | 'acquisition';
  category: string | null;
};

export type MovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';
export type MrrMovementsTable = {
  workspace_id: string;
  account_id: string;
  date: DateOnly;
  type: MovementType;
  amount: Numeric;
  mrr_before: Numeric;
  mrr_after: Numeric;
};

export type ImportRunsTable = {
  workspace_id: string;
  id: string;
  file: string;
  entity: string;
  started_at: Timestamp;
  finished_at: TimestampNull;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
};

export type UsageDailyTable = {
  workspace_id: string;
  account_id: string;
  day: DateOnly;
  name: string;
  events: number;
  quantity: Numeric;
  users: Generated<number>;
};

export type UsageDailyUsersTable = {
  workspace_id: string;
  account_id: string;
  day: DateOnly;
  contact_id: string;
};

/** Distinct contacts per account, day and event name (keeps `usage_daily.users` exact incrementally). */
export type UsageDailyContactsTable = {
  workspace_id: string;
  account_id: string;
  day: DateOnly;
  name: string;
  contact_id: string;
};

export type HealthScorecardsTable = {
  workspace_id: string;
  id: string;
  version: number;
  name: string;
  definition: Json;
  is_default: Generated<boolean>;
  created_at: Generated<Date>;
  archived_at: TimestampNull;
};

export type HealthScoresTable = {
  workspace_id: string;
  account_id: string;
  date: DateOnly;
  scorecard_id: string;
  scorecard_version: number;
  score: Numeric;
  band: 'red' | 'yellow' | 'green';
  measures: Json;
  computed_at: Generated<Date>;
};

export type HealthStaleTable = { workspace_id: string; account_id: string; marked_at: Generated<Date> };

export type SegmentsTable = {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  filter: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type SegmentMembershipsTable = {
  workspace_id: string;
  segment_id: string;
  account_id: string;
  entered_at: Generated<Date>;
};

export type AccountProfilesTable = {
  workspace_id: string;
  account_id: string;
  tier: 'vip' | 'core' | 'non_core' | 'potential';
  stage: string;
  tier_since: Generated<Date>;
  stage_since: Generated<Date>;
  computed_at: Generated<Date>;
};

export type LifecycleEventsTable = {
  workspace_id: string;
  id: Generated<number>;
  account_id: string;
  type: 'segment_entered' | 'segment_left' | 'tier_changed' | 'stage_changed' | 'health_band_changed';
  segment_id: string | null;
  from_value: string | null;
  to_value: string | null;
  occurred_at: Generated<Date>;
};

export type UserRole = 'admin' | 'manager' | 'csm' | 'viewer';
export type UsersTable = {
  workspace_id: string;
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  password_hash: string;
  locale: Generated<'en' | 'es'>;
  created_at: Generated<Date>;
  disabled_at: TimestampNull;
};

export type SessionsTable = {
  workspace_id: string;
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
};

export type LoginAttemptsTable = {
  workspace_id: string;
  id: Generated<number>;
  email: string;
  ip: string;
  attempted_at: Generated<Date>;
};

export type Database = CoreTables &
  JobsTables &
  MessagingTables &
  WebhooksTables &
  PlaybooksTables &
  DunningTables &
  RetentionTables &
  NotesTables &
  CacheTables;

export type CoreTables = {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  fx_rates: FxRatesTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
  events: EventsTable;
  tickets: TicketsTable;
  survey_responses: SurveyResponsesTable;
  email_events: EmailEventsTable;
  costs: CostsTable;
  mrr_movements: MrrMovementsTable;
  import_runs: ImportRunsTable;
  usage_daily: UsageDailyTable;
  usage_daily_users: UsageDailyUsersTable;
  usage_daily_contacts: UsageDailyContactsTable;
  health_scorecards: HealthScorecardsTable;
  health_scores: HealthScoresTable;
  health_stale: HealthStaleTable;
  segments: SegmentsTable;
  segment_memberships: SegmentMembershipsTable;
  account_profiles: AccountProfilesTable;
  lifecycle_events: LifecycleEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
};

export type TAccount = Selectable<AccountsTable>;
export type TNewAccount = Insertable<AccountsTable>;
export type TInvoiceLine = Selectable<InvoiceLinesTable>;
export type TMovement = Selectable<MrrMovementsTable>;
