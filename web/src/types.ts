/** The shapes of the /v1 answers the dashboard reads (snake_case, as the API sends them). */
export type TRole = 'viewer' | 'csm' | 'manager' | 'admin';
export type TLocale = 'en' | 'es';
export type TBand = 'red' | 'yellow' | 'green';

export type TUser = { id: string; email: string; name: string | null; role: TRole; locale: TLocale };
export type TMe = { workspace: string; role: TRole; user: TUser | null; csrf_token: string | null };
export type TSession = { workspace: string; user: TUser; csrf_token: string };

export type TMrr = { date: string; currency: string; mrr: number; arr: number; customers: number };

export type TRevenuePeriod = {
  period: string;
  start: string;
  end: string;
  mrr_start: number;
  mrr_end: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  customers_end: number;
  churned_customers: number;
  customer_churn_rate: number | null;
  gross_mrr_churn_rate: number | null;
  grr: number | null;
  nrr: number | null;
  arpa: number | null;
  ltv: number | null;
};
export type TRevenue = {
  currency: string;
  trailing_12_months: { grr: number | null; nrr: number | null };
  periods: TRevenuePeriod[];
};

export type TCsMetrics = { periods: { period: string; nps: number | null; nps_responses: number }[] };

export type TMovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';
export type TMovement = {
  date: string;
  account_id: string;
  account_name: string | null;
  type: TMovementType;
  amount: number;
  mrr_before: number;
  mrr_after: number;
};
export type TMovementLine = {
  invoice_id: string;
  id: string;
  plan_id: string | null;
  service_start: string;
  service_end: string;
  amount: number;
  discount: number;
  currency: string;
  fx_rate: number;
  mrr: number;
  effect: string;
};

export type THealthMeasure = {
  id: string;
  metric: string;
  group: string | null;
  label: string;
  score: number | null;
  value: number | null;
  weight: number;
  contribution: number | null;
  missing: boolean;
};
export type THealthRow = {
  account_id: string;
  name: string;
  score: number;
  band: TBand;
  delta_7d: number | null;
  delta_30d: number | null;
};
export type TPortfolio = {
  date: string;
  total: number;
  distribution: Record<TBand, number>;
  accounts: THealthRow[];
};
export type TAccountHealth = {
  account_id: string;
  name: string;
  date: string;
  score: number;
  band: TBand;
  scorecard: { id: string; version: number; name: string };
  trend: { date: string; score: number; band: TBand }[];
  explanation: THealthMeasure[];
  /** Keys of the measures without a score; their weight went to the others. */
  missing: string[];
};

export type TAccountRow = {
  account_id: string;
  name: string;
  owner_email: string | null;
  mrr: number;
  customer: boolean;
  tier: string | null;
  stage: string | null;
  health_score: number | null;
  health_band: TBand | null;
};
export type TAccountPage = { total: number; limit: number; offset: number; accounts: TAccountRow[] };
export type TAccount = {
  id: string;
  name: string;
  created_at: string;
  owner_email: string | null;
  lifecycle_stage: string | null;
};

export type TSegment = {
  id: string;
  name: string;
  description: string | null;
  filter: string;
  member_count: number;
  created_at: string;
  updated_at: string;
};
export type TSegmentMrr = {
  date: string;
  currency: string;
  segments: { segment_id: string; members: number; customers: number; mrr: number }[];
};
export type TSegmentMembers = {
  segment: TSegment;
  total: number;
  members: (TAccountRow & { entered_at: string })[];
};

export type TAccountSummary = {
  account_id: string;
  name: string;
  owner_email: string | null;
  created_at: string | null;
  lifecycle_stage: string | null;
  tier: string | null;
  stage: string | null;
  tier_since: string | null;
  stage_since: string | null;
  date: string;
  currency: string;
  mrr: number;
  arr: number;
  customer_since: string | null;
  renewal_date: string | null;
};
export type TAccountPayment = {
  id: string;
  attempted_at: string;
  amount: number;
  currency: string;
  outcome: 'succeeded' | 'failed' | 'refunded';
  failure_code: string | null;
  payment_method: string | null;
};
export type TAccountBilling = {
  account_id: string;
  currency: string;
  invoices: {
    id: string;
    issued_at: string;
    due_at: string | null;
    paid_at: string | null;
    status: string;
    currency: string;
    total: number;
    lines: number;
    payments: TAccountPayment[];
  }[];
  movements: { date: string; type: TMovementType; amount: number; mrr_before: number; mrr_after: number }[];
};
export type TAccountFeedback = {
  account_id: string;
  tickets: {
    id: string;
    opened_at: string;
    resolved_at: string | null;
    status: string;
    subject: string | null;
    channel: string | null;
    priority: string | null;
    is_complaint: boolean;
    satisfaction: number | null;
    agent_replies: number | null;
  }[];
  survey_answers: {
    id: string;
    survey: string;
    score: number;
    comment: string | null;
    responded_at: string;
    contact_id: string | null;
  }[];
};
export type TTimelineKind =
  | 'invoice'
  | 'payment'
  | 'movement'
  | 'ticket_opened'
  | 'ticket_resolved'
  | 'survey'
  | 'lifecycle'
  | 'note';
export type TTimelineItem = {
  at: string;
  kind: TTimelineKind;
  id: string;
  title: string | null;
  status: string | null;
  amount: number | null;
  currency: string | null;
  text: string | null;
  from_value: string | null;
  to_value: string | null;
};
export type TTimeline = { account_id: string; items: TTimelineItem[] };
export type TDailyUsage = {
  account_id: string;
  from: string;
  to: string;
  days: { date: string; events: number; active_users: number }[];
};

export type TCsPeriod = {
  period: string;
  nps: number | null;
  nps_responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  csat: number | null;
  csat_responses: number;
};
export type TCsTrend = { currency: string; periods: TCsPeriod[] };
export type TFeedbackTheme = {
  theme: string;
  keywords: string[];
  count: number;
  share: number;
  accounts: number;
  languages: { en: number; es: number };
  nps_responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  promoter_share: number | null;
  passive_share: number | null;
  detractor_share: number | null;
  mrr: number;
  examples: { source: 'survey' | 'ticket'; id: string; account_id: string; date: string; text: string }[];
};
export type TFeedbackThemes = {
  from: string;
  to: string;
  currency: string;
  texts: number;
  themed: number;
  themes: TFeedbackTheme[];
  fix_first: {
    theme: string;
    detractors: number;
    passives: number;
    promoters: number;
    mrr: number;
    priority: number;
  }[];
};

export type TWorkspace = { id: string; reporting_currency: string; timezone: string };
export type TUserRow = TUser & { created_at: string; disabled_at: string | null };
export type TApiKey = {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};
export type TNewApiKey = { id: string; name: string; key: string; prefix: string; created_at: string };

// Billing pages (issue 5, H9): dunning, retention and pricing, email, webhooks, Stripe, payment provider.
export type TDunningStatus = 'open' | 'recovered' | 'failed' | 'closed';
export type TDunningCase = {
  id: string;
  invoice_id: string;
  account_id: string;
  status: TDunningStatus;
  decline_kind: 'hard' | 'soft';
  first_failure_code: string | null;
  last_failure_code: string | null;
  attempts_made: number;
  blocked_reason: string | null;
  amount: number;
  currency: string;
  mrr: number;
  tier: string | null;
  opened_at: string;
  recovered_at: string | null;
  recovered_attempt: number | null;
  closed_at: string | null;
  final_action_taken: string | null;
  /** The next scheduled retry or final action, from the server's job queue; null when none is. */
  next_step: { kind: 'retry' | 'final_action'; at: string; attempt: number | null } | null;
};
export type TDunningFinalAction = 'leave_past_due' | 'cancel' | 'webhook';
export type TDunningPolicy = {
  id: string;
  name: string;
  tier: 'vip' | 'core' | 'non_core' | 'potential' | null;
  segment_id: string | null;
  priority: number;
  retry_days: number[];
  notify_days: number[];
  csm_task_first: boolean;
  task_days_before_email: number;
  grace_days: number;
  final_action: TDunningFinalAction;
};
export type TDunningAttempt = {
  attempt_no: number;
  scheduled_at: string;
  attempted_at: string | null;
  provider: string | null;
  outcome: 'pending' | 'succeeded' | 'failed';
  failure_code: string | null;
  provider_reference: string | null;
};
export type TDunningCaseDetail = TDunningCase & { policy: TDunningPolicy; attempts: TDunningAttempt[] };
export type TRecoveryFigures = {
  cases: number;
  recovered: number;
  failed: number;
  open: number;
  recovery_rate: number | null;
  recovered_amount: number;
  recovered_mrr: number;
  lost_mrr: number;
};
export type TRecoveryMetrics = TRecoveryFigures & {
  currency: string;
  by_decline_code: (TRecoveryFigures & { decline_code: string | null })[];
  by_recovered_attempt: (TRecoveryFigures & { attempt: number | null })[];
  by_tier: (TRecoveryFigures & { tier: string | null })[];
};
export type TChurnReasonsReport = {
  currency: string;
  from: string;
  to: string;
  accounts: number;
  lost_mrr: number;
  reasons: {
    code: string;
    label_en: string;
    label_es: string;
    accounts: number;
    lost_mrr: number;
    share: number | null;
  }[];
};
export type TWinBackRow = {
  account_id: string;
  reactivated_on: string;
  mrr: number;
  playbook_id: string | null;
  enrolled_at: string | null;
};
export type TWinBack = {
  currency: string;
  window_days: number;
  attributed: TWinBackRow[];
  unattributed: TWinBackRow[];
  summary: {
    reactivations: number;
    attributed: number;
    attributed_mrr: number;
    unattributed: number;
    unattributed_mrr: number;
  };
};
export type TAnnualCandidates = {
  currency: string;
  at: string;
  discount_percent: number;
  churn_rates: { monthly: number | null; annual: number | null; overall: number | null };
  totals: { accounts: number; mrr: number; annual_price: number };
  candidates: {
    account_id: string;
    name: string;
    mrr: number;
    tenure_months: number;
    annual_price: number;
    clv_monthly: number | null;
    clv_annual: number | null;
    clv_change: number | null;
  }[];
};
export type TGrandfathered = {
  currency: string;
  at: string;
  totals: { accounts: number; mrr: number; mrr_at_newest: number; uplift: number };
  customers: {
    account_id: string;
    name: string;
    subscription_id: string;
    version: string;
    newest_version: string;
    quantity: number;
    mrr: number;
    mrr_at_newest: number;
    uplift: number;
  }[];
};
export type TSendingWindow = { start: string; end: string; days: number[] };
export type TEmailSettings = {
  smtp_host: string | null;
  smtp_port: number;
  smtp_secure: boolean;
  smtp_username: string | null;
  has_password: boolean;
  from_address: string | null;
  from_name: string | null;
  reply_to: string | null;
  window: TSendingWindow | null;
  default_locale: TLocale;
  public_url: string;
  updated_at: string;
};
export type TWebhook = {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  is_enabled: boolean;
  created_at: string;
};
export type TWebhookDelivery = {
  id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'dead';
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  attempts: {
    attempt: number;
    attempted_at: string;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  }[];
};
export type TStripeSettings = {
  webhook_secret_set: boolean;
  api_key_set: boolean;
  webhook_path: string;
  updated_at: string | null;
};
export type TPaymentProvider = {
  kind: 'stripe' | 'http' | null;
  stripe_base_url: string | null;
  http_url: string | null;
  update_payment_url: string;
  public_url: string;
  has_stripe_api_key: boolean;
  has_http_secret: boolean;
};

export type TTaskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TTaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';
export type TTask = {
  id: string;
  account_id: string;
  title: string;
  description: string | null;
  owner_email: string | null;
  due_on: string | null;
  priority: TTaskPriority;
  status: TTaskStatus;
  source: 'manual' | 'playbook' | 'dunning';
  source_playbook_id: string | null;
  source_enrollment_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
};
export type TTaskPage = { total: number; limit: number; offset: number; tasks: TTask[] };
export type TTaskQueues = {
  date: string;
  queues: { owner_email: string | null; open: number; overdue: number; due_today: number }[];
};
export type TPlaybookStep = { id: string; type: string } & Record<string, unknown>;
export type TPlaybookTrigger = { kind: string } & Record<string, unknown>;
export type TPlaybookDefinition = {
  name: string;
  description?: string | null;
  trigger: TPlaybookTrigger;
  conditions?: Record<string, unknown>;
  enrollment?: Record<string, unknown>;
  steps: TPlaybookStep[];
};
export type TPlaybook = {
  id: string;
  name: string;
  description: string | null;
  template_id: string | null;
  is_enabled: boolean;
  version: number;
  definition: TPlaybookDefinition;
  created_at: string;
  updated_at: string;
};
export type TPlaybookTemplate = {
  id: string;
  name: string;
  description: string;
  names: Record<TLocale, string>;
  descriptions: Record<TLocale, string>;
  definition: TPlaybookDefinition;
};
export type TEnrollmentStatus = 'active' | 'completed' | 'exited' | 'failed';
export type TEnrollment = {
  id: string;
  playbook_id: string;
  playbook_name: string;
  playbook_version: number;
  account_id: string;
  occurrence_key: string;
  status: TEnrollmentStatus;
  next_step_id: string | null;
  resume_at: string | null;
  enrolled_at: string;
  finished_at: string | null;
  exit_reason: string | null;
  log: {
    seq: number;
    at: string;
    step_id: string | null;
    step_type: string | null;
    outcome: string;
    detail: Record<string, unknown>;
  }[];
};
export type TDryRunStep = { step_id: string; type: string; at: string } & Record<string, unknown>;
export type TDryRun = {
  since: string;
  now: string;
  entering: {
    account_id: string;
    account_name: string;
    occurrence_key: string;
    occurred_at: string;
    why: { trigger: string; context: Record<string, unknown> };
    steps: TDryRunStep[];
  }[];
  skipped: { account_id: string; occurrence_key: string; reason: string }[];
};

// ── revenue page: cohorts and renewals (H11) ──
export type TCohortMonth = {
  month_index: number;
  period: string;
  customers: number;
  logo_retention: number | null;
  mrr: number;
  revenue_retention: number | null;
};
export type TCohorts = {
  currency: string;
  cohorts: { cohort: string; customers: number; starting_mrr: number; months: TCohortMonth[] }[];
};
export type TRenewalPeriod = {
  period: string;
  start: string;
  end: string;
  up_for_renewal: number;
  renewed: number;
  renewal_rate: number | null;
  mrr_up_for_renewal: number;
  mrr_renewed: number;
  dollar_renewal_rate: number | null;
};
export type TRenewals = { currency: string; periods: TRenewalPeriod[] };

// ── health: scorecard editor and its live preview (issue 5) ──
export type TScoringThreshold = { min?: number; max?: number; score?: number };
export type TScoringRule =
  | { type: 'thresholds'; thresholds: TScoringThreshold[] }
  | { type: 'linear'; worst?: number; best?: number }
  | { type: 'linear_bounded'; worst?: number; best?: number; floor?: number; ceiling?: number };
export type TScorecardMeasure = {
  key: string;
  label: string;
  metric: string;
  group?: string;
  weight?: number;
  rule: TScoringRule;
};
export type TScorecardGroup = { key: string; label: string; weight?: number };
export type TScorecardDefinition = {
  name: string;
  bands?: { red_below?: number; green_from?: number };
  groups?: TScorecardGroup[];
  measures: TScorecardMeasure[];
};
export type TAppliesTo = { segment_id?: string; stage?: string };
export type TScorecard = {
  id: string;
  version: number;
  name: string;
  is_default: boolean;
  applies_to: TAppliesTo | null;
  definition: TScorecardDefinition;
  created_at: string;
  versions: number | { version: number; name: string; created_at: string }[];
};
export type TMeasureCatalog = {
  measures: { metric: string; label: string; source: string; unit: string; description: string }[];
};
export type TPreviewBand = TBand | 'none';
export type TPreviewMover = {
  account_id: string;
  name: string;
  current_score: number;
  current_band: TBand;
  draft_score: number;
  draft_band: TBand;
  change: number;
};
export type TScorecardPreview = {
  date: string;
  population: number;
  sampled: boolean;
  sample_size: number;
  compared_with:
    | { kind: 'stored'; date: string }
    | { kind: 'scorecard'; id: string; version: number; name: string };
  bands: {
    band: TBand;
    current: { count: number; share: number | null };
    draft: { count: number; share: number | null };
  }[];
  unscored: { current: number; draft: number };
  mean_score: { current: number | null; draft: number | null };
  band_changes: { total: number; matrix: Record<TPreviewBand, Record<TPreviewBand, number>> };
  movers: { up: TPreviewMover[]; down: TPreviewMover[] };
  measures: {
    key: string;
    label: string;
    metric: string;
    weight: number;
    nominal_share: number;
    effective_share: number | null;
    no_data: number;
  }[];
  backtest?: { auc: number | null; snapshots: number; observations: number };
};
/** GET/PATCH /v1/workspace: the metric options of docs/metrics.md and whether currency and time zone are fixed. */
export type TWorkspaceSettings = {
  'mrr.discounts': 'deduct' | 'ignore';
  'ltv.gross_margin': number;
  'renewal.min_interval_months': number;
  'renewal.grace_days': number;
} & Record<string, unknown>;
export type TWorkspaceDetails = TWorkspace & { settings: TWorkspaceSettings; has_data: boolean };
export type TFxRate = { currency: string; date: string; rate: string };
export type TFxRatePage = {
  reporting_currency: string;
  total: number;
  limit: number;
  offset: number;
  rates: TFxRate[];
};
export type TFxRateRef = { date: string; rate: string };
export type TFxCoverage = {
  reporting_currency: string;
  currencies: {
    currency: string;
    is_reporting: boolean;
    records: number;
    first_day: string | null;
    last_day: string | null;
    rates: number;
    first_rate_date: string | null;
    latest_rate: TFxRateRef | null;
    months_missing: number;
    records_without_rate: number;
  }[];
  missing_months: { currency: string; month: string; records: number; fallback: TFxRateRef | null }[];
};

// ── account notes (issue 5, Account 360) ──
export type TNoteAuthor =
  | { type: 'user'; id: string; name: string | null; email: string }
  | { type: 'api_key'; id: string; name: string };
export type TNote = {
  id: string;
  account_id: string;
  body: string;
  is_pinned: boolean;
  author: TNoteAuthor | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
};
export type TNotePage = { account_id: string; total: number; limit: number; offset: number; notes: TNote[] };

/** GET /v1/health/segments: each segment's members per band, by segment name. */
export type THealthBySegment = {
  date: string;
  segments: {
    segment_id: string;
    name: string;
    members: number;
    red: number;
    yellow: number;
    green: number;
    unscored: number;
  }[];
};
