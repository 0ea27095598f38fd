import { type RawBuilder, sql } from 'kysely';
import type { TWorkspace } from '../workspaces/get-workspace.ts';
import { fxCtes, fxLookup } from './sql-fx.ts';

export type TLineMrrOptions = {
  workspace: TWorkspace;
  /** Restrict to these accounts (one array parameter, however many). */
  accountIds?: string[];
  /** A further condition on `l` (invoice_lines) and `i` (invoices), starting with `and`. */
  extraWhere?: RawBuilder<unknown>;
};

/**
 * The CTEs `fx_ranges`, `fx_days` and `sub_lines`: every subscription line that counts for MRR with its
 * monthly value, per shared/spec/metrics.md "MRR of an invoice line":
 * - only lines of `open` and `paid` invoices (void, uncollectible and draft contribute nothing);
 * - `amount − discount` (or `amount` under the option `mrr.discounts = ignore`), tax excluded;
 * - divided by N when the period spans N ≥ 1 whole calendar months (same day of month: 2024-01-15..
 *   2025-01-15 is 12; 01-31..02-29 is not, it is 29 days), else multiplied by 30.4375 / days;
 * - converted at the rate of the invoice currency on `service_start`, so a rate change within the period
 *   never moves MRR.
 * `mrr` is rounded to 10 decimals so that both engines agree to the last digit; every line adds exactly
 * what it later removes, so an account whose lines have all ended is back at exactly 0.
 * Also exposes `period_months` (for renewals) and `billed` (net amount in the reporting currency, for ARPU).
 */
export function lineMrrCtes({ workspace, accountIds, extraWhere }: TLineMrrOptions): RawBuilder<unknown> {
  const net = workspace.settings['mrr.discounts'] === 'ignore' ? sql`l.amount` : sql`(l.amount - l.discount)`;
  const fx = fxLookup('fx', sql`i.currency`, sql`l.service_start`, workspace.reportingCurrency);
  const accounts = accountIds ? sql`and i.account_id = any(${accountIds}::text[])` : sql``;
  const s = sql`l.service_start`;
  const e = sql`l.service_end`;
  return sql`${fxCtes(workspace.id)},
  sub_lines as (
    select x.*,
      round(case when x.whole_months is not null then x.net * x.fx_rate / x.whole_months
        else x.net * x.fx_rate * 30.4375 / x.days end, 10) as mrr,
      coalesce(x.whole_months::numeric, x.days / 30.4375) as period_months
    from (
      select i.account_id, i.id as invoice_id, l.id as line_id, l.subscription_id, l.plan_id,
        l.service_start, l.service_end, l.amount, l.discount, trim(i.currency) as currency,
        ${net} as net, (l.amount - l.discount) * ${fx.rate} as billed, ${fx.rate} as fx_rate,
        l.service_end - l.service_start as days,
        case when ${sameDay(s, e)} and ${monthsBetween(s, e)} >= 1 then ${monthsBetween(s, e)} end as whole_months
      from invoice_lines l
      join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
      ${fx.joins}
      where l.workspace_id = ${workspace.id} and l.type = 'subscription' and i.status in ('open', 'paid')
        ${accounts} ${extraWhere ?? sql``}
    ) x
    -- A fence: without it the planner pastes the MRR expression into every place that uses it (twice per
    -- line in the movements), and numeric arithmetic is most of the cost over millions of lines.
    offset 0
  )`;
}

/**
 * `period_months` of `sub_lines` for a line's service period `s`..`e` alone (whole calendar months, else
 * days / 30.4375): for queries that need a line's length but not its converted MRR.
 */
export function periodMonths(s: RawBuilder<unknown>, e: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`coalesce(case when ${sameDay(s, e)} and ${monthsBetween(s, e)} >= 1 then ${monthsBetween(s, e)} end::numeric,
    (${e} - ${s}) / 30.4375)`;
}

/** Calendar months from `s` to `e` by year and month alone (float8 parts of dates are exact integers). */
function monthsBetween(s: RawBuilder<unknown>, e: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`((date_part('year', ${e}) - date_part('year', ${s})) * 12 + date_part('month', ${e}) - date_part('month', ${s}))::int`;
}

/**
 * Whether `s` and `e` fall on the same day of month: docs/metrics.md counts whole months only then
 * (2024-01-15..2025-01-15 is 12). A period clamped to a shorter month's end (01-31..02-29) is not one.
 */
function sameDay(s: RawBuilder<unknown>, e: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`date_part('day', ${e}) = date_part('day', ${s})`;
}
