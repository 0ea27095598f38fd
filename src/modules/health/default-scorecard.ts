import { type TScorecardDefinition, ZScorecardDefinition } from './scorecard-schema.ts';

/**
 * The scorecard every workspace starts with: product usage first (the strongest early signal of churn),
 * then the customer's voice (support experience, NPS, CSAT), engagement with email, and billing friction.
 * Tuned with the backtest on the demo workspace (see README "Health"); every measure draws on data a
 * typical import has, and missing sources simply hand their weight to the others.
 */
export const DEFAULT_SCORECARD: TScorecardDefinition = ZScorecardDefinition.parse({
  name: 'Default health',
  bands: { red_below: 40, green_from: 70 },
  groups: [
    { key: 'usage', label: 'Product usage', weight: 50 },
    { key: 'support', label: 'Support experience', weight: 20 },
    { key: 'voice', label: 'Customer voice', weight: 15 },
    { key: 'engagement', label: 'Engagement', weight: 5 },
    { key: 'billing', label: 'Billing', weight: 10 },
  ],
  measures: [
    {
      key: 'usage_trend',
      label: 'Usage trend (30 days vs the 30 before)',
      metric: 'usage_trend_30d',
      group: 'usage',
      weight: 4,
      rule: { type: 'linear', worst: -0.3, best: 0 },
    },
    {
      key: 'adoption',
      label: 'Key features used (30 days)',
      metric: 'adoption_breadth',
      group: 'usage',
      weight: 1,
      rule: { type: 'linear', worst: 0.2, best: 0.8 },
    },
    {
      key: 'recency',
      label: 'Days since last activity',
      metric: 'days_since_last_activity',
      group: 'usage',
      weight: 1,
      rule: { type: 'linear', worst: 30, best: 7 },
    },
    {
      key: 'tickets',
      label: 'Tickets (90 days)',
      metric: 'tickets_90d',
      group: 'support',
      weight: 1,
      rule: { type: 'linear', worst: 4, best: 0 },
    },
    {
      key: 'ticket_satisfaction',
      label: 'Ticket satisfaction (90 days)',
      metric: 'ticket_satisfaction_90d',
      group: 'support',
      weight: 2,
      rule: { type: 'linear', worst: 2.5, best: 4.5 },
    },
    {
      key: 'complaints',
      label: 'Unresolved complaints',
      metric: 'unresolved_complaints',
      group: 'support',
      weight: 1,
      rule: {
        type: 'thresholds',
        thresholds: [
          { max: 1, score: 100 },
          { min: 1, max: 2, score: 30 },
          { min: 2, score: 0 },
        ],
      },
    },
    {
      key: 'nps',
      label: 'NPS (latest per contact)',
      metric: 'nps_latest',
      group: 'voice',
      weight: 2,
      rule: { type: 'linear', worst: 5, best: 9 },
    },
    {
      key: 'csat',
      label: 'CSAT (90 days)',
      metric: 'csat_90d',
      group: 'voice',
      weight: 1,
      rule: { type: 'linear', worst: 20, best: 80 },
    },
    {
      key: 'email_opens',
      label: 'Email open rate (90 days)',
      metric: 'email_open_rate_90d',
      group: 'engagement',
      weight: 1,
      rule: { type: 'linear', worst: 0.1, best: 0.6 },
    },
    {
      key: 'failed_payments',
      label: 'Failed payments (90 days)',
      metric: 'failed_payments_90d',
      group: 'billing',
      weight: 1,
      rule: {
        type: 'thresholds',
        thresholds: [
          { max: 1, score: 100 },
          { min: 1, max: 3, score: 50 },
          { min: 3, score: 0 },
        ],
      },
    },
    {
      key: 'overdue',
      label: 'Days overdue',
      metric: 'days_overdue',
      group: 'billing',
      weight: 1,
      rule: { type: 'linear', worst: 45, best: 0 },
    },
    {
      key: 'contraction',
      label: 'Contraction (90 days)',
      metric: 'contraction_90d',
      group: 'billing',
      weight: 1,
      rule: { type: 'linear_bounded', worst: 0.3, best: 0, floor: 20, ceiling: 100 },
    },
  ],
});
