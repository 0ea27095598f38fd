import { type RawBuilder, sql } from 'kysely';
import { fxLookup } from '../revenue/sql-fx.ts';
import type { TSuccessScope } from './sql-scope.ts';

/**
 * CTEs for the customer retention cost (shared/spec/metrics.md "Customer success": CRC = retention costs
 * in the period / average customers, shown beside ARPA). Needs `fx_ranges`, `fx_days` (fxCtes), `periods`
 * and `bounds` before it.
 *
 * - `levels(period, all_start, all_end, customers_start, customers_end, mrr_end)`: customers (accounts with
 *   MRR > 0, "Recurring revenue") on the day before the period and on its last day, and MRR on its last day,
 *   as running totals of the revenue module's MRR movements, exactly as its period metrics count them
 *   (new and reactivation +1, churn −1). `all_*` is the whole workspace, the rest the accounts in scope.
 *   The revenue report cannot be called instead: it has no account filter and computes far more.
 * - `retention_costs(period, amount)`: `retention` costs in the reporting currency, at the rate of the day the
 *   cost's period starts (the day the import checks a rate for), spread evenly over the days of the cost's
 *   period (whole days in the workspace time zone, a part day counting as a day), each period taking its
 *   days' share.
 */
export function retentionCtes(scope: TSuccessScope): RawBuilder<unknown> {
  const local = (column: string) => scope.local(sql.ref(column));
  const fx = fxLookup('cf', sql`cr.currency`, sql`cr.first_day`, scope.reportingCurrency);
  return sql`mv_days as (
    select date, sum(delta) as delta, sum(step) as customers,
      coalesce(sum(delta) filter (where in_scope), 0) as scope_delta,
      coalesce(sum(step) filter (where in_scope), 0) as scope_customers
    from (
      select date, mrr_after - mrr_before as delta,
        case type when 'new' then 1 when 'reactivation' then 1 when 'churn' then -1 else 0 end as step,
        ${scope.inAccounts(sql.ref('account_id'))} as in_scope
      from mrr_movements
      where workspace_id = ${scope.workspaceId} and date <= (select last_end from bounds)
    ) m
    group by date
  ),
  running as (
    select date, sum(customers) over w as customers, sum(scope_delta) over w as scope_mrr,
      sum(scope_customers) over w as scope_customers
    from mv_days window w as (order by date)
  ),
  levels as (
    select p.period, coalesce(s.customers, 0) as all_start, coalesce(e.customers, 0) as all_end,
      coalesce(s.scope_customers, 0) as customers_start, coalesce(e.scope_customers, 0) as customers_end,
      coalesce(e.scope_mrr, 0) as mrr_end
    from periods p
    left join lateral (select * from running r where r.date < p.p_start order by r.date desc limit 1) s on true
    left join lateral (select * from running r where r.date <= p.p_end order by r.date desc limit 1) e on true
  ),
  cost_rows as (
    select c.amount, c.currency, ${local('c.period_start')}::date as first_day,
      greatest(${local('c.period_start')}::date + 1, case when ${local('c.period_end')}::time > time '00:00'
        then ${local('c.period_end')}::date + 1 else ${local('c.period_end')}::date end) as end_day
    from costs c
    where c.workspace_id = ${scope.workspaceId} and c.kind = 'retention'
      and c.period_end > (select first_ts from bounds) and c.period_start < (select last_ts from bounds)
  ),
  retention_costs as (
    select p.period,
      sum(cr.amount * ${fx.rate} * (least(cr.end_day, p.p_end + 1) - greatest(cr.first_day, p.p_start))
        / (cr.end_day - cr.first_day)) as amount
    from cost_rows cr
    ${fx.joins}
    join periods p on p.p_start < cr.end_day and p.p_end >= cr.first_day
    group by p.period
  )`;
}
