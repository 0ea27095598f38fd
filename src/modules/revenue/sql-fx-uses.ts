import { type RawBuilder, sql } from 'kysely';

/**
 * CTE `fx_uses(kind, id, currency, day)`: every amount the metrics convert, on the day whose rate converts
 * it (shared/spec/data.md "Currency": "the latest rate on or before the relevant date"), as sql-fx.ts is
 * asked for it: a subscription line on its `service_start`, a one-time line and its invoice on the day the
 * invoice was issued, a payment (refund) on the day it was made, a cost on the day its period starts — days
 * in the workspace time zone, the same days the import checks a rate for. Amounts already in the reporting
 * currency are included (`currency` tells them apart), so the currencies in use are all here.
 */
export function fxUsesCte(workspaceId: string, timezone: string): RawBuilder<unknown> {
  const local = (column: RawBuilder<unknown>) => sql`timezone(${timezone}::text, ${column})::date`;
  return sql`fx_uses as (
    select 'invoice' as kind, i.id, trim(i.currency) as currency, ${local(sql`i.issued_at`)} as day
    from invoices i where i.workspace_id = ${workspaceId}
    union all
    select 'invoice_line', l.id, trim(i.currency), coalesce(l.service_start, ${local(sql`i.issued_at`)})
    from invoice_lines l
    join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
    where l.workspace_id = ${workspaceId}
    union all
    select 'payment', p.id, trim(p.currency), ${local(sql`p.attempted_at`)}
    from payments p where p.workspace_id = ${workspaceId}
    union all
    select 'cost', c.id, trim(c.currency), ${local(sql`c.period_start`)}
    from costs c where c.workspace_id = ${workspaceId}
  )`;
}
