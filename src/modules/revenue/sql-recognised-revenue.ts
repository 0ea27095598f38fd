import { type RawBuilder, sql } from 'kysely';
import type { TWorkspace } from '../workspaces/get-workspace.ts';
import { fxLookup } from './sql-fx.ts';
import { periodStartOf, periodStep, type TInterval } from './sql-periods.ts';

/**
 * CTE `revenue(period, amount)`: the revenue recognised in each period, for ARPU (shared/spec/metrics.md
 * "Rates for a period": recurring and one-time, less refunds), over `open` and `paid` invoices, in the
 * reporting currency:
 * - a subscription line is recognised pro rata by the days of its service period inside the period, at
 *   its `service_start` rate (as its MRR) and net of its discount (what was actually billed, whatever
 *   the `mrr.discounts` option says about MRR);
 * - a one-time line on the day its invoice was issued, a refund on the day it was made (in the
 *   workspace time zone), each at that day's rate.
 * Needs the CTEs `fx_ranges`, `fx_days`, `sub_lines` (lineMrrCtes), `periods` and `bounds` before it.
 */
export function recognisedRevenueCte(workspace: TWorkspace, interval: TInterval): RawBuilder<unknown> {
  const issued = sql`timezone(${workspace.timezone}, i.issued_at)::date`;
  const refunded = sql`timezone(${workspace.timezone}, pay.attempted_at)::date`;
  const oneTimeFx = fxLookup('ot', sql`i.currency`, issued, workspace.reportingCurrency);
  const refundFx = fxLookup('rf', sql`pay.currency`, refunded, workspace.reportingCurrency);
  return sql`revenue_parts as (
    select p.period,
      sl.billed * (least(sl.service_end, p.p_end + 1) - greatest(sl.service_start, p.p_start)) / sl.days as amount
    from sub_lines sl
    cross join bounds b
    cross join lateral generate_series(greatest(${periodStartOf(interval, sql`sl.service_start`)}, b.first_start)::timestamp,
      least(sl.service_end - 1, b.last_end)::timestamp, ${periodStep(interval)}) g
    join periods p on p.p_start = g::date
    where sl.service_end > b.first_start and sl.service_start <= b.last_end
    union all
    select p.period, (l.amount - l.discount) * ${oneTimeFx.rate}
    from invoice_lines l
    join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
    ${oneTimeFx.joins}
    join periods p on p.p_start = ${periodStartOf(interval, issued)}
    where l.workspace_id = ${workspace.id} and l.type = 'one_time' and i.status in ('open', 'paid')
    union all
    select p.period, -pay.amount * ${refundFx.rate}
    from payments pay
    join invoices i on i.workspace_id = pay.workspace_id and i.id = pay.invoice_id
    ${refundFx.joins}
    join periods p on p.p_start = ${periodStartOf(interval, refunded)}
    where pay.workspace_id = ${workspace.id} and pay.outcome = 'refunded' and i.status in ('open', 'paid')
  ),
  revenue as (select period, sum(amount) as amount from revenue_parts group by period)`;
}
