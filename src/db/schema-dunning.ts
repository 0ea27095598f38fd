import type { ColumnType, Generated } from 'kysely';
import type { Numeric, NumericNull, Timestamp, TimestampNull } from './schema.ts';

/** Tables of the dunning area (issue 4); merged into `Database` in schema.ts. */
export type DunningTables = {
  payment_methods: PaymentMethodsTable;
  dunning_policies: DunningPoliciesTable;
  dunning_cases: DunningCasesTable;
  dunning_attempts: DunningAttemptsTable;
  payment_provider_settings: PaymentProviderSettingsTable;
};

export type PaymentMethodType = 'card' | 'direct_debit' | 'bank_transfer' | 'wallet' | 'other';
export type PaymentMethodsTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  type: PaymentMethodType;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  is_default: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DunningFinalAction = 'leave_past_due' | 'cancel' | 'webhook';
type IntArray = ColumnType<number[], number[] | undefined, number[]>;
export type DunningPoliciesTable = {
  workspace_id: string;
  id: string;
  name: string;
  tier: string | null;
  segment_id: string | null;
  priority: Generated<number>;
  retry_days: IntArray;
  notify_days: IntArray;
  csm_task_first: Generated<boolean>;
  task_days_before_email: Generated<number>;
  grace_days: Generated<number>;
  final_action: Generated<DunningFinalAction>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DunningCaseStatus = 'open' | 'recovered' | 'failed' | 'closed';
export type DunningCasesTable = {
  workspace_id: string;
  id: string;
  invoice_id: string;
  account_id: string;
  status: DunningCaseStatus;
  decline_kind: 'hard' | 'soft';
  first_failure_code: string | null;
  last_failure_code: string | null;
  last_failure_at: Timestamp;
  attempts_made: Generated<number>;
  /** `awaiting_payment_method` after a hard decline: no retry until the account's payment method changes. */
  blocked_reason: string | null;
  amount: Numeric;
  currency: string;
  /** `amount` in the reporting currency at the rate of the day the case opened (null: no rate). */
  amount_reporting: NumericNull;
  /** The account's MRR (reporting currency) when the case opened: what "recovered MRR" counts. */
  mrr: Numeric;
  tier: string | null;
  policy_id: string | null;
  /** The policy as it was when the case opened (later edits do not move a running schedule). */
  policy: ColumnType<unknown, string, string>;
  /** Attempt n is due at `schedule_anchor + retry_days[n-1]` days; moved when a blocked case resumes. */
  schedule_anchor: Timestamp;
  opened_at: Timestamp;
  recovered_at: TimestampNull;
  recovered_attempt: number | null;
  closed_at: TimestampNull;
  final_action_taken: string | null;
};

export type DunningAttemptsTable = {
  workspace_id: string;
  case_id: string;
  attempt_no: number;
  scheduled_at: Timestamp;
  attempted_at: TimestampNull;
  provider: string | null;
  idempotency_key: string;
  outcome: Generated<'pending' | 'succeeded' | 'failed'>;
  failure_code: string | null;
  provider_reference: string | null;
};

export type PaymentProviderSettingsTable = {
  workspace_id: string;
  kind: 'stripe' | 'http';
  stripe_api_key: string | null;
  stripe_base_url: string | null;
  http_url: string | null;
  http_secret: string | null;
  /** Link in dunning emails; `{{account_id}}`, `{{invoice_id}}`, `{{case_id}}` are filled in. */
  update_payment_url: string | null;
  /** Base URL of this Tenure server as the provider reaches it, for `callback_url` (default http://localhost:4000). */
  public_url: string | null;
  updated_at: Generated<Date>;
};
