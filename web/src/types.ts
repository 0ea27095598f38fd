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
  group: string;
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
  note: string | null;
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
  | 'lifecycle';
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
