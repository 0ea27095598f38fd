/**
 * Every metric a scorecard measure can draw on (shared/spec/metrics.md "Health", issue 3 item 5). Windows
 * end with the whole local day `at` in the workspace time zone and use only what was known by then.
 * Besides these keys a measure may name `attribute:<name>` (a numeric custom attribute of the account) or
 * `event_count:<event name>:<days>` (events of that name in the last `days` days, e.g. `referral_made`).
 */
export type TMeasureSource =
  | 'usage'
  | 'support'
  | 'surveys'
  | 'billing'
  | 'revenue'
  | 'engagement'
  | 'relationship'
  | 'custom';

export type TCatalogEntry = { label: string; source: TMeasureSource; unit: string; description: string };

export const MEASURE_CATALOG = {
  active_users_30d: {
    label: 'Active users (30 days)',
    source: 'usage',
    unit: 'users',
    description: 'Distinct contacts with any event in the last 30 days.',
  },
  active_users_7d: {
    label: 'Active users (7 days)',
    source: 'usage',
    unit: 'users',
    description: 'Distinct contacts with any event in the last 7 days.',
  },
  events_30d: {
    label: 'Events (30 days)',
    source: 'usage',
    unit: 'events',
    description: 'Usage events in the last 30 days.',
  },
  usage_trend_30d: {
    label: 'Usage trend',
    source: 'usage',
    unit: 'ratio',
    description: 'Events of the last 30 days vs the 30 before, as a relative change (-0.5 = halved).',
  },
  days_since_last_activity: {
    label: 'Days since last activity',
    source: 'usage',
    unit: 'days',
    description: 'Days from the last day with any event to `at`.',
  },
  adoption_breadth: {
    label: 'Adoption breadth',
    source: 'usage',
    unit: 'share',
    description: "Share of the workspace's key features the account used in the last 30 days (0..1).",
  },
  seat_utilisation: {
    label: 'Seat utilisation',
    source: 'usage',
    unit: 'share',
    description: 'Active users (30 days) / the `seats` attribute.',
  },
  open_tickets: {
    label: 'Open tickets',
    source: 'support',
    unit: 'tickets',
    description: 'Tickets opened by `at` and not resolved by then.',
  },
  tickets_90d: {
    label: 'Tickets (90 days)',
    source: 'support',
    unit: 'tickets',
    description: 'Tickets opened in the last 90 days.',
  },
  unresolved_complaints: {
    label: 'Unresolved complaints',
    source: 'support',
    unit: 'tickets',
    description: 'Complaint tickets opened by `at` and not resolved by then.',
  },
  ticket_satisfaction_90d: {
    label: 'Ticket satisfaction (90 days)',
    source: 'support',
    unit: 'score 1-5',
    description: 'Mean satisfaction (1–5) of tickets resolved in the last 90 days.',
  },
  nps_latest: {
    label: 'NPS (latest)',
    source: 'surveys',
    unit: 'score 0-10',
    description: "Mean of the contacts' latest NPS answer (0–10) within 365 days.",
  },
  csat_90d: {
    label: 'CSAT (90 days)',
    source: 'surveys',
    unit: '%',
    description: 'Percentage of CSAT answers of 4 or 5 in the last 90 days.',
  },
  failed_payments_90d: {
    label: 'Failed payments (90 days)',
    source: 'billing',
    unit: 'payments',
    description: 'Failed payment attempts in the last 90 days.',
  },
  days_overdue: {
    label: 'Days overdue',
    source: 'billing',
    unit: 'days',
    description: 'Days past due of the oldest invoice unpaid at `at` (0 when none).',
  },
  late_invoice_share_365d: {
    label: 'Late invoices (365 days)',
    source: 'billing',
    unit: 'share',
    description: 'Share of invoices due in the last 365 days paid after their due date or still unpaid.',
  },
  mrr: {
    label: 'MRR',
    source: 'revenue',
    unit: 'money',
    description: 'MRR of the account at `at`.',
  },
  mrr_change_90d: {
    label: 'MRR change (90 days)',
    source: 'revenue',
    unit: 'ratio',
    description: 'Relative change of MRR vs 90 days earlier (null when it was 0 then).',
  },
  contraction_90d: {
    label: 'Contraction (90 days)',
    source: 'revenue',
    unit: 'ratio',
    description: 'Contraction in the last 90 days / MRR 90 days earlier (0 when none).',
  },
  email_open_rate_90d: {
    label: 'Email open rate (90 days)',
    source: 'engagement',
    unit: 'share',
    description: "Distinct opened / delivered messages to the account's contacts in the last 90 days.",
  },
} as const satisfies Record<string, TCatalogEntry>;

export type TCatalogMetric = keyof typeof MEASURE_CATALOG;

const EVENT_COUNT = /^event_count:([^:]+):([1-9]\d{0,3})$/;
const ATTRIBUTE = /^attribute:(.+)$/;

export type TParsedMetric =
  | { kind: 'catalog'; key: TCatalogMetric }
  | { kind: 'event_count'; event: string; days: number }
  | { kind: 'attribute'; name: string };

/** What a metric key means, or null when it is not one (`event_count` windows are 1..9999 days). */
export function parseMetric(metric: string): TParsedMetric | null {
  if (Object.hasOwn(MEASURE_CATALOG, metric)) return { kind: 'catalog', key: metric as TCatalogMetric };
  const events = EVENT_COUNT.exec(metric);
  if (events) return { kind: 'event_count', event: events[1]!, days: Number(events[2]) };
  const attribute = ATTRIBUTE.exec(metric);
  if (attribute) return { kind: 'attribute', name: attribute[1]! };
  return null;
}

/** The catalog entry of any metric key, dynamic ones included (null when unknown). */
export function describeMetric(metric: string): TCatalogEntry | null {
  const parsed = parseMetric(metric);
  if (!parsed) return null;
  if (parsed.kind === 'catalog') return MEASURE_CATALOG[parsed.key];
  if (parsed.kind === 'event_count') {
    return {
      label: `${parsed.event} (${parsed.days} days)`,
      source: 'relationship',
      unit: 'events',
      description: `Events named "${parsed.event}" in the last ${parsed.days} days.`,
    };
  }
  return {
    label: parsed.name,
    source: 'custom',
    unit: 'number',
    description: `The numeric custom attribute "${parsed.name}" (its current value: attributes keep no history).`,
  };
}
