import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { parseDay } from './sql-periods.ts';
import { money, ratio, toNumber } from './sql-rounding.ts';
import { withAnalyticsSettings } from './sql-settings.ts';

export type TCohortMonth = {
  month_index: number;
  period: string;
  customers: number;
  logo_retention: number | null;
  mrr: number;
  revenue_retention: number | null;
};
export type TCohort = { cohort: string; customers: number; starting_mrr: number; months: TCohortMonth[] };

/**
 * Cohorts of shared/spec/metrics.md "Rates for a period": accounts grouped by the month of their *new*
 * movement; for each month from then to `to` (default: the month of the latest movement), how many are
 * still customers at the month's end (MRR > 0) and their MRR then, against the cohort's size and its
 * starting MRR (the sum of its new movements).
 */
export async function computeCohorts({
  db,
  workspaceId,
  from,
  to,
}: {
  db: TDb;
  workspaceId: string;
  from?: string;
  to?: string;
}): Promise<{ currency: string; cohorts: TCohort[] }> {
  const workspace = await getWorkspace({ db, workspaceId });
  const fromDay = from ? parseDay(from, 'start', 'from') : null;
  const toDay = to ? parseDay(to, 'end', 'to') : null;
  const { rows } = await withAnalyticsSettings(db, (trx) =>
    sql<Record<string, string | number | null>>`
    with last_month as (
      select date_trunc('month', coalesce(${toDay}::date, max(date))::timestamp)::date as m
      from mrr_movements where workspace_id = ${workspaceId}
    ),
    members as (
      select account_id, date_trunc('month', date::timestamp)::date as cohort, amount
      from mrr_movements cross join last_month
      where workspace_id = ${workspaceId} and type = 'new' and date < (last_month.m + interval '1 month')::date
        and (${fromDay}::date is null or date >= date_trunc('month', ${fromDay}::date::timestamp)::date)
    ),
    cohorts as (select cohort, count(*) as customers, sum(amount) as starting_mrr from members group by cohort),
    spans as (
      select m.account_id, m.date, m.mrr_after,
        lead(m.date) over (partition by m.account_id order by m.date) as next_date
      from mrr_movements m join members c on c.account_id = m.account_id
      where m.workspace_id = ${workspaceId}
    ),
    month_ends as (
      select s.account_id, g::date as month, s.mrr_after
      from spans s
      cross join last_month
      cross join lateral generate_series(date_trunc('month', s.date::timestamp), last_month.m::timestamp,
        interval '1 month') g
      where s.mrr_after > 0
        and (s.next_date is null or (g + interval '1 month' - interval '1 day')::date < s.next_date)
    ),
    grid as (
      select c.cohort, c.customers, c.starting_mrr, g::date as month
      from cohorts c
      cross join last_month
      cross join lateral generate_series(c.cohort::timestamp, last_month.m::timestamp, interval '1 month') g
    ),
    -- Each (cohort, month) summed once, then laid on the grid: joining the grid to every member's every
    -- month first made a million-row join and sort at 100,000 accounts.
    retained as (
      select mb.cohort, me.month, count(*) as customers, sum(me.mrr_after) as mrr
      from members mb join month_ends me on me.account_id = mb.account_id
      group by mb.cohort, me.month
    ),
    cells as (
      select g.cohort, g.month, g.customers as size, g.starting_mrr, coalesce(r.customers, 0) as customers,
        coalesce(r.mrr, 0) as mrr
      from grid g
      left join retained r on r.cohort = g.cohort and r.month = g.month
    )
    select to_char(cohort, 'YYYY-MM') as cohort, size, ${money(sql`starting_mrr`)} as starting_mrr,
      ((extract(year from month) - extract(year from cohort)) * 12
        + extract(month from month) - extract(month from cohort))::int as month_index,
      to_char(month, 'YYYY-MM') as period, customers, ${ratio(sql`customers`, sql`size`)} as logo_retention,
      ${money(sql`mrr`)} as mrr, ${ratio(sql`mrr`, sql`starting_mrr`)} as revenue_retention
    from cells order by cohort, month`.execute(trx),
  );
  const cohorts = new Map<string, TCohort>();
  for (const r of rows) {
    const key = String(r.cohort);
    let cohort = cohorts.get(key);
    if (!cohort) {
      cohort = {
        cohort: key,
        customers: Number(r.size),
        starting_mrr: toNumber(r.starting_mrr)!,
        months: [],
      };
      cohorts.set(key, cohort);
    }
    cohort.months.push({
      month_index: Number(r.month_index),
      period: String(r.period),
      customers: Number(r.customers),
      logo_retention: toNumber(r.logo_retention),
      mrr: toNumber(r.mrr)!,
      revenue_retention: toNumber(r.revenue_retention),
    });
  }
  return { currency: workspace.reportingCurrency, cohorts: [...cohorts.values()] };
}
