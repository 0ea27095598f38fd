import { type RawBuilder, sql } from 'kysely';
import type { TSuccessScope } from './sql-scope.ts';

/**
 * CTEs of late and failed payments (issue 3, "customer success metrics … late and failed payments"):
 * - `failed(period, attempts, invoices)`: failed payment attempts in the period, and the invoices they were for;
 * - `late(period, invoices)`: invoices paid in the period on a later day than their due day (both days in the
 *   workspace time zone: an invoice due on the 10th and paid during the 10th is on time);
 * - `overdue(period, invoices)`: invoices unpaid at the end of the period whose due day had passed by then
 *   (`open` now, or `paid` only after the period). Void and uncollectible invoices carry no date of that
 *   change, so they never count.
 */
export function paymentCtes(scope: TSuccessScope): RawBuilder<unknown> {
  const dayOf = (column: string) => sql`${scope.local(sql.ref(column))}::date`;
  return sql`failed as (
    select p.period, count(*) as attempts, count(distinct pay.invoice_id) as invoices
    from payments pay
    join invoices i on i.workspace_id = pay.workspace_id and i.id = pay.invoice_id
    join periods p on p.p_start = ${scope.bucket(sql.ref('pay.attempted_at'))}
    where pay.workspace_id = ${scope.workspaceId} and pay.outcome = 'failed'
      and ${scope.inRange(sql.ref('pay.attempted_at'))} and ${scope.inAccounts(sql.ref('i.account_id'))}
    group by p.period
  ),
  late as (
    select p.period, count(*) as invoices
    from invoices i
    join periods p on p.p_start = ${scope.bucket(sql.ref('i.paid_at'))}
    where i.workspace_id = ${scope.workspaceId} and i.status = 'paid' and ${scope.inRange(sql.ref('i.paid_at'))}
      and ${dayOf('i.paid_at')} > ${dayOf('i.due_at')} and ${scope.inAccounts(sql.ref('i.account_id'))}
    group by p.period
  ),
  -- Invoices grouped by their (due day, paid day) pair, once, so that the join with the periods below
  -- compares a few thousand pairs rather than every unpaid invoice once per period.
  unpaid as materialized (
    select due_day, paid_day, count(*) as invoices
    from (
      select ${dayOf('i.due_at')} as due_day,
        case when i.status = 'paid' then ${dayOf('i.paid_at')} end as paid_day
      from invoices i
      where i.workspace_id = ${scope.workspaceId} and i.due_at < (select last_ts from bounds)
        and (i.status = 'open' or (i.status = 'paid' and i.paid_at > i.due_at
          and i.paid_at >= (select first_ts from bounds)))
        and ${scope.inAccounts(sql.ref('i.account_id'))}
    ) days
    group by due_day, paid_day
  ),
  overdue as (
    select p.period, sum(u.invoices) as invoices
    from unpaid u
    join periods p on u.due_day <= p.p_end and (u.paid_day is null or u.paid_day > p.p_end)
    group by p.period
  )`;
}
