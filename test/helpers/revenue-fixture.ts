/**
 * The March 2024 row of the small revenue fixture shared by the CLI and HTTP tests (one account at $100 a
 * month that adds $60 on March 1st), worked by hand from docs/metrics.md: both transports must print it.
 */
export const MARCH_2024 = {
  period: '2024-03',
  start: '2024-03-01',
  end: '2024-03-31',
  mrr_start: 100,
  mrr_end: 160,
  new: 0,
  expansion: 60,
  contraction: 0,
  churn: 0,
  reactivation: 0,
  customers_start: 1,
  customers_end: 1,
  new_customers: 0,
  churned_customers: 0,
  reactivated_customers: 0,
  customer_churn_rate: 0,
  gross_mrr_churn_rate: 0,
  net_mrr_churn_rate: -0.6,
  grr: 1,
  nrr: 1.6,
  quick_ratio: null,
  arpa: 160,
  arr_end: 1920,
};
