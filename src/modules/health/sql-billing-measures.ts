import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `failed_payments_90d`, `days_overdue`, `late_invoice_share_365d` as known at the end of `at`. An invoice
 * (not draft or void, issued by then) is paid when its `paid_at` — or, without one, its first successful
 * payment — came before the cut-off; a `paid` invoice with neither counts as paid on time. Due dates are
 * local days (`due_at`, else `issued_at`: due on receipt). `days_overdue` is 0 for an account with invoices
 * and none overdue; an uncollectible (written-off) invoice weighs on it for a year after its due date, an
 * open one until it is paid. The payments of an invoice are looked up only when it has no `paid_at`
 * (coalesce evaluates the subquery lazily), which spares aggregating every payment of the workspace.
 */
export function sqlBillingMeasures(scope: TMeasureScope): RawBuilder<Record<string, unknown>> {
  const ws = scope.workspaceId;
  return sql`with ${measureScopeCtes(scope)},
    inv as (
      select i.account_id, i.status, b.at_day,
        (coalesce(i.due_at, i.issued_at) at time zone ${scope.timezone}::text)::date as due_day,
        coalesce(i.paid_at, (select min(p.attempted_at) from payments p
          where p.workspace_id = i.workspace_id and p.invoice_id = i.id and p.outcome = 'succeeded')) as paid_at,
        b.cutoff
      from invoices i cross join bounds b
      where i.workspace_id = ${ws} and i.issued_at < b.cutoff and i.status not in ('draft', 'void')
        and i.account_id in (select id from scope)
    ),
    judged as (
      select account_id, status, at_day, due_day,
        case when paid_at is not null then paid_at >= cutoff else status <> 'paid' end as is_unpaid,
        (paid_at at time zone ${scope.timezone}::text)::date as paid_day
      from inv
    ),
    invoice_measures as (
      select account_id,
        coalesce(max(at_day - due_day) filter (where is_unpaid and due_day < at_day
          and (status <> 'uncollectible' or due_day > at_day - 365)), 0) as days_overdue,
        round(count(*) filter (where due_day > at_day - 365 and due_day <= at_day
            and (is_unpaid or paid_day > due_day))::numeric
          / nullif(count(*) filter (where due_day > at_day - 365 and due_day <= at_day), 0), 6)
          as late_invoice_share_365d
      from judged group by account_id
    ),
    failures as (
      select i.account_id, count(*) as failed_payments_90d
      from payments p cross join bounds b
      join invoices i on i.workspace_id = p.workspace_id and i.id = p.invoice_id
      where p.workspace_id = ${ws} and p.outcome = 'failed' and p.attempted_at >= b.since_90
        and p.attempted_at < b.cutoff and i.account_id in (select id from scope)
      group by i.account_id
    )
    select coalesce(m.account_id, f.account_id) as account_id, m.days_overdue, m.late_invoice_share_365d,
      coalesce(f.failed_payments_90d, 0) as failed_payments_90d
    from invoice_measures m full join failures f on f.account_id = m.account_id`;
}
