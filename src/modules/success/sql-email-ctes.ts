import { type RawBuilder, sql } from 'kysely';
import type { TSuccessScope } from './sql-scope.ts';

/**
 * CTE `email(period, delivered, opened)` from `email_events` (shared/spec/metrics.md "Customer success":
 * email open rate = distinct opened messages / delivered messages).
 *
 * A message is one `message_id` sent to one contact, counted once however many events it has (a message
 * opened five times is one opened message), in the period of its first delivery; "opened" are those of
 * them with an `opened` event at any time: an email delivered on the 31st and read on the 1st belongs to
 * the month it was sent, and the rate can never exceed 1. One pass over the events groups them by message.
 * (No message is opened before it is delivered, so events before the first period are never read.) The
 * account filter goes through the contact, since email events name no account.
 */
export function emailCtes(scope: TSuccessScope): RawBuilder<unknown> {
  const contactFilter = scope.isFiltered
    ? sql`join contacts c on c.workspace_id = e.workspace_id and c.id = e.contact_id
        and ${scope.inAccounts(sql.ref('c.account_id'))}`
    : sql``;
  return sql`messages as (
    select e.contact_id, e.message_id, min(e.occurred_at) filter (where e.type = 'delivered') as delivered_at,
      bool_or(e.type = 'opened') as is_opened
    from email_events e
    ${contactFilter}
    where e.workspace_id = ${scope.workspaceId} and e.type in ('delivered', 'opened')
      and e.occurred_at >= (select first_ts from bounds)
    group by e.contact_id, e.message_id
  ),
  email as (
    select p.period, count(*) as delivered, count(*) filter (where m.is_opened) as opened
    from messages m
    join periods p on p.p_start = ${scope.bucket(sql.ref('m.delivered_at'))}
    where m.delivered_at < (select last_ts from bounds)
    group by p.period
  )`;
}
