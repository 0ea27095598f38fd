import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { fxCtes } from './sql-fx.ts';
import { parseDay, periodStartOf, periodsCte, type TInterval, ZInterval } from './sql-periods.ts';
import { recognisedRevenueCte } from './sql-recognised-revenue.ts';
import { money, ratio, toNumber } from './sql-rounding.ts';
import { withAnalyticsSettings } from './sql-settings.ts';

export type TRevenueMetricsInput = {
  db: TDb;
  workspaceId: string;
  from: string;
  to: string;
  interval?: TInterval;
};

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
  customers_start: number;
  customers_end: number;
  new_customers: number;
  churned_customers: number;
  reactivated_customers: number;
  customer_churn_rate: number | null;
  gross_mrr_churn_rate: number | null;
  net_mrr_churn_rate: number | null;
  grr: number | null;
  nrr: number | null;
  quick_ratio: number | null;
  arpa: number | null;
  arr_end: number;
  expansion_count: number;
  contraction_count: number;
  movements_count: number;
  arpu: number | null;
  ltv: number | null;
};

/**
 * GRR and NRR over the 12 months ending on the last day of the last period (shared/spec/metrics.md: "The
 * trailing-12-month figures use the period of the last 12 months"), with the MRR they start from.
 */
export type TTrailing12Months = {
  start: string;
  end: string;
  mrr_start: number;
  grr: number | null;
  nrr: number | null;
};

/**
 * The fields in the order of shared/spec/cli.md (extras last), and how each leaves the database: rounded
 * decimal strings become numbers (null stays null: a rate over a zero denominator), counts become numbers.
 */
const fields: Record<keyof TRevenuePeriod, 'text' | 'decimal' | 'count'> = {
  period: 'text',
  start: 'text',
  end: 'text',
  mrr_start: 'decimal',
  mrr_end: 'decimal',
  new: 'decimal',
  expansion: 'decimal',
  contraction: 'decimal',
  churn: 'decimal',
  reactivation: 'decimal',
  customers_start: 'count',
  customers_end: 'count',
  new_customers: 'count',
  churned_customers: 'count',
  reactivated_customers: 'count',
  customer_churn_rate: 'decimal',
  gross_mrr_churn_rate: 'decimal',
  net_mrr_churn_rate: 'decimal',
  grr: 'decimal',
  nrr: 'decimal',
  quick_ratio: 'decimal',
  arpa: 'decimal',
  arr_end: 'decimal',
  expansion_count: 'count',
  contraction_count: 'count',
  movements_count: 'count',
  arpu: 'decimal',
  ltv: 'decimal',
};

/**
 * One row per period of shared/spec/cli.md `metrics revenue`, every figure per shared/spec/metrics.md
 * "Recurring revenue" and "Rates for a period", computed in SQL from the MRR movements (and, for ARPU, the
 * invoice lines). Periods without data still appear: MRR carries over. `trailing_12_months` gives GRR and
 * NRR once, over the 12 months ending with the last period (one window instead of one per period: per-period
 * windows expanded every movement twelvefold and were 70% of the report's time).
 */
export async function computeRevenueMetrics(input: TRevenueMetricsInput): Promise<{
  currency: string;
  interval: TInterval;
  periods: TRevenuePeriod[];
  trailing_12_months: TTrailing12Months;
}> {
  const { db, workspaceId } = input;
  const parsed = ZInterval.safeParse(input.interval ?? 'month');
  if (!parsed.success) {
    throw new AppError('invalid_input', `interval: expected one of ${ZInterval.options.join(', ')}`);
  }
  const interval = parsed.data;
  const from = parseDay(input.from, 'start', 'from');
  const to = parseDay(input.to, 'end', 'to');
  if (to < from) throw new AppError('invalid_input', `to (${input.to}) is before from (${input.from})`);
  const workspace = await getWorkspace({ db, workspaceId });
  const margin = String(workspace.settings['ltv.gross_margin']);
  const bucket = periodStartOf(interval, sql`mv.date`);
  const query = sql<Record<string, string | number | null>>`
    with ${periodsCte(interval, from, to)},
    bounds as (
      select min(p_start) as first_start, max(p_start) as last_start, max(p_end) as last_end,
        (max(p_end) + 1 - interval '12 months')::date as t12_start, min(p_end) as first_end
      from periods
    ),
    mv as (
      select account_id, date, type, amount, mrr_before, mrr_after, mrr_after - mrr_before as delta
      from mrr_movements
      where workspace_id = ${workspaceId} and date <= (select last_end from bounds)
    ),
    daily as (
      select date, sum(delta) as delta, count(*) filter (where type = 'churn') as churns,
        sum(case type when 'new' then 1 when 'reactivation' then 1 when 'churn' then -1 else 0 end) as customers
      from mv group by date
    ),
    running as (
      select date, churns, sum(delta) over (order by date) as mrr, sum(customers) over (order by date) as customers
      from daily
    ),
    levels as (
      select p.*, coalesce(s.mrr, 0) as mrr_start, coalesce(s.customers, 0) as customers_start,
        coalesce(e.mrr, 0) as mrr_end, coalesce(e.customers, 0) as customers_end
      from periods p
      ${levelAt('s', sql`p.p_start`)} ${levelAt('e', sql`p.p_end + 1`)}
    ),
    by_account as (
      select p.period, mv.account_id, ${firstAndLast},
        sum(mv.amount) filter (where mv.type = 'new') as new,
        sum(mv.amount) filter (where mv.type = 'expansion') as expansion,
        sum(mv.amount) filter (where mv.type = 'contraction') as contraction,
        sum(mv.amount) filter (where mv.type = 'churn') as churn,
        sum(mv.amount) filter (where mv.type = 'reactivation') as reactivation,
        count(*) filter (where mv.type = 'new') as new_customers,
        count(*) filter (where mv.type = 'churn') as churned_customers,
        count(*) filter (where mv.type = 'reactivation') as reactivated_customers,
        count(*) filter (where mv.type = 'expansion') as expansion_count,
        count(*) filter (where mv.type = 'contraction') as contraction_count,
        count(*) as movements_count
      from mv join periods p on p.p_start = ${bucket}
      group by p.period, mv.account_id
    ),
    sums as (
      select period, ${retentionSums},
        sum(new) as new, sum(expansion) as expansion, sum(contraction) as contraction, sum(churn) as churn,
        sum(reactivation) as reactivation, sum(new_customers) as new_customers,
        sum(churned_customers) as churned_customers, sum(reactivated_customers) as reactivated_customers,
        sum(expansion_count) as expansion_count, sum(contraction_count) as contraction_count,
        sum(movements_count) as movements_count
      from by_account group by period
    ),
    t12_by_account as (
      select mv.account_id, ${firstAndLast}
      from mv where mv.date >= (select t12_start from bounds)
      group by mv.account_id
    ),
    t12 as (
      select b.t12_start, b.last_end as t12_end, coalesce(s.mrr, 0) as t12_mrr,
        coalesce(r.gross_loss, 0) as t12_loss, coalesce(r.net_change, 0) as t12_change
      from bounds b
      cross join (select ${retentionSums} from t12_by_account) r
      ${levelAt('s', sql`b.t12_start`)}
    ),
    months as (
      select m::date as m_start
      from bounds b, generate_series(date_trunc('month', b.first_end::timestamp) - interval '11 months',
        date_trunc('month', b.last_end::timestamp), interval '1 month') m
    ),
    monthly_churn as (
      select mo.m_start, c.churns::numeric / nullif(s.customers, 0) as rate
      from months mo
      cross join lateral (select coalesce(sum(churns), 0) as churns from running
        where date >= mo.m_start and date < (mo.m_start + interval '1 month')::date) c
      ${levelAt('s', sql`mo.m_start`)}
    ),
    -- "Mean monthly customer churn over the trailing 12 months": once per month, then a moving average
    -- (avg skips months without customers at start, whose rate is null).
    mean_churn as (
      select m_start, avg(rate) over (order by m_start rows between 11 preceding and current row) as rate
      from monthly_churn
    ),
    ${fxCtes(workspace.id)},
    ${recognisedRevenueCte(workspace, interval)},
    totals as (
      select l.period, l.p_start, l.p_end, l.mrr_start, l.mrr_end, l.customers_start, l.customers_end,
        coalesce(s.new, 0) as new, coalesce(s.expansion, 0) as expansion,
        coalesce(s.contraction, 0) as contraction, coalesce(s.churn, 0) as churn,
        coalesce(s.reactivation, 0) as reactivation, coalesce(s.new_customers, 0) as new_customers,
        coalesce(s.churned_customers, 0) as churned_customers,
        coalesce(s.reactivated_customers, 0) as reactivated_customers,
        coalesce(s.expansion_count, 0) as expansion_count, coalesce(s.contraction_count, 0) as contraction_count,
        coalesce(s.movements_count, 0) as movements_count,
        coalesce(s.gross_loss, 0) as gross_loss, coalesce(s.net_change, 0) as net_change,
        coalesce(r.amount, 0) as revenue,
        l.mrr_end / nullif(l.customers_end, 0) as arpa, mc.rate as mean_monthly_churn
      from levels l
      left join sums s on s.period = l.period
      left join revenue r on r.period = l.period
      left join mean_churn mc on mc.m_start = date_trunc('month', l.p_end::timestamp)::date
    )
    select period, p_start as start, p_end as "end",
      ${money(sql`mrr_start`)} as mrr_start, ${money(sql`mrr_end`)} as mrr_end,
      ${money(sql`new`)} as new, ${money(sql`expansion`)} as expansion,
      ${money(sql`contraction`)} as contraction, ${money(sql`churn`)} as churn,
      ${money(sql`reactivation`)} as reactivation,
      customers_start, customers_end, new_customers, churned_customers, reactivated_customers,
      ${ratio(sql`churned_customers`, sql`customers_start`)} as customer_churn_rate,
      ${ratio(sql`churn + contraction`, sql`mrr_start`)} as gross_mrr_churn_rate,
      ${ratio(sql`churn + contraction - expansion - reactivation`, sql`mrr_start`)} as net_mrr_churn_rate,
      ${ratio(sql`mrr_start - gross_loss`, sql`mrr_start`)} as grr,
      ${ratio(sql`mrr_start + net_change`, sql`mrr_start`)} as nrr,
      ${ratio(sql`new + expansion + reactivation`, sql`churn + contraction`)} as quick_ratio,
      ${money(sql`arpa`)} as arpa, ${money(sql`12 * mrr_end`)} as arr_end,
      expansion_count, contraction_count, movements_count,
      ${money(sql`revenue / nullif((customers_start + customers_end) / 2.0, 0)`)} as arpu,
      ${money(sql`arpa * ${margin}::numeric / nullif(mean_monthly_churn, 0)`)} as ltv,
      -- The trailing 12 months (one row) ride along on every period row: one statement for the report.
      t12_start, t12_end, ${money(sql`t12_mrr`)} as t12_mrr_start,
      ${ratio(sql`t12_mrr - t12_loss`, sql`t12_mrr`)} as t12_grr,
      ${ratio(sql`t12_mrr + t12_change`, sql`t12_mrr`)} as t12_nrr
    from totals cross join t12
    order by p_start`;
  const { rows } = await withAnalyticsSettings(db, (trx) => query.execute(trx));
  const first = rows[0]!;
  return {
    currency: workspace.reportingCurrency,
    interval,
    trailing_12_months: {
      start: String(first.t12_start),
      end: String(first.t12_end),
      mrr_start: toNumber(first.t12_mrr_start)!,
      grr: toNumber(first.t12_grr),
      nrr: toNumber(first.t12_nrr),
    },
    periods: rows.map(
      (row) =>
        Object.fromEntries(
          Object.entries(fields).map(([f, kind]) => [
            f,
            kind === 'text' ? row[f] : kind === 'count' ? Number(row[f]) : toNumber(row[f]),
          ]),
        ) as TRevenuePeriod,
    ),
  };
}

/** MRR and customers at the end of the day before `day` (the running totals of the latest earlier change). */
function levelAt(alias: string, day: RawBuilder<unknown>): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`left join lateral (select r.mrr, r.customers from running r where r.date < ${day}
    order by r.date desc limit 1) ${a} on true`;
}

/**
 * An account's MRR before its first and after its last movement in a window: its MRR at the window's edges.
 * PostgreSQL has no first()/last() aggregate and `array_agg(… order by date)` sorts every group; so each
 * value is packed behind its date into one number (days since 1900 × 10^20 + MRR, MRR being ≥ 0 and far
 * below 10^20), and min/max, which hash, pick the first and the last.
 */
const firstAndLast = sql`mod(min((mv.date - date '1900-01-01') * 1e20 + mv.mrr_before), 1e20) as mrr_first,
  mod(max((mv.date - date '1900-01-01') * 1e20 + mv.mrr_after), 1e20) as mrr_last`;

/**
 * "GRR … take the accounts that were customers at start" (shared/spec/metrics.md): accounts that did not
 * move keep their MRR, so only the moved ones with MRR at start change the numerators; new customers never
 * count.
 */
const retentionSums = sql`sum(greatest(0, mrr_first - mrr_last)) filter (where mrr_first > 0) as gross_loss,
  sum(mrr_last - mrr_first) filter (where mrr_first > 0) as net_change`;
