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
 * Lines are first summed per (currency, service period) — or (currency, day issued) — in one pass over
 * the lines: what a line contributes depends on nothing else, so millions of lines become a few thousand
 * groups before any FX lookup or split by period. This is exact in numeric arithmetic but for the
 * rounding of divisions (each kept to at least 16 significant digits), now one per group instead of one
 * per line: far below the cent to which ARPU is rounded.
 * Needs the CTEs `fx_ranges`, `fx_days` (fxCtes), `periods` and `bounds` before it.
 */
export function recognisedRevenueCte(workspace: TWorkspace, interval: TInterval): RawBuilder<unknown> {
  const issued = sql`timezone(${workspace.timezone}, i.issued_at)::date`;
  const refunded = sql`timezone(${workspace.timezone}, pay.attempted_at)::date`;
  const subFx = fxLookup('sf', sql`rl.currency`, sql`rl.service_start`, workspace.reportingCurrency);
  const oneTimeFx = fxLookup('ot', sql`rl.currency`, sql`rl.issued`, workspace.reportingCurrency);
  const refundFx = fxLookup('rf', sql`pay.currency`, refunded, workspace.reportingCurrency);
  return sql`revenue_lines as (
    select l.type, i.currency, l.service_start, l.service_end,
      case when l.type = 'one_time' then ${issued} end as issued, sum(l.amount - l.discount) as net
    from invoice_lines l
    join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
    where l.workspace_id = ${workspace.id} and i.status in ('open', 'paid')
      and (l.type = 'one_time' or (l.service_end > (select first_start from bounds)
        and l.service_start <= (select last_end from bounds)))
    group by 1, 2, 3, 4, 5
  ),
  revenue_parts as (
    select p.period, rl.net * ${subFx.rate}
      * (least(rl.service_end, p.p_end + 1) - greatest(rl.service_start, p.p_start))
      / (rl.service_end - rl.service_start) as amount
    from revenue_lines rl
    ${subFx.joins}
    cross join bounds b
    cross join lateral generate_series(greatest(${periodStartOf(interval, sql`rl.service_start`)}, b.first_start)::timestamp,
      least(rl.service_end - 1, b.last_end)::timestamp, ${periodStep(interval)}) g
    join periods p on p.p_start = g::date
    where rl.type = 'subscription'
    union all
    select p.period, rl.net * ${oneTimeFx.rate}
    from revenue_lines rl
    ${oneTimeFx.joins}
    join periods p on p.p_start = ${periodStartOf(interval, sql`rl.issued`)}
    where rl.type = 'one_time'
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
