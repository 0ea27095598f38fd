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
