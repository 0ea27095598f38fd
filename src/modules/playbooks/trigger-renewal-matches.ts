import { sql } from 'kysely';
import { lineMrrCtes } from '../revenue/sql-line-mrr.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import { customersCte } from './sql-trigger-customers.ts';
import type { TTrigger } from './trigger-schema.ts';
import type { TStateInput } from './trigger-state-matches.ts';

/**
 * Subscriptions whose next renewal falls after today and at most `days` days from it. As in the renewal
 * metrics (src/modules/revenue/compute-renewals.ts, shared/spec/metrics.md "Renewal rate"), a renewal is
 * the end of a subscription's current period (an open or paid line covering today) of at least
 * `renewal.min_interval_months`, so monthly plans never come up; a subscription that is cancelled (status
 * or `cancelled_at` by now) does not renew. Key `renewal_due:<subscription>:<renewal date>:<days>`, the
 * same every day until that renewal.
 */
export async function findRenewalTriggerMatches({
  db,
  workspaceId,
  trigger,
  now,
  clock,
  accountId,
}: TStateInput<Extract<TTrigger, { kind: 'renewal_due' }>>): Promise<TTriggerMatch[]> {
  const { today, workspace } = clock;
  const lines = lineMrrCtes({
    workspace,
    accountIds: accountId === undefined ? undefined : [accountId],
    extraWhere: sql`and l.service_start <= ${today}::date and l.service_end > ${today}::date`,
  });
  const { rows } = await sql<{ account_id: string; subscription_id: string; renews_on: string; mrr: string }>`
    with ${lines},
    ${customersCte({ workspaceId, today, now, accountId })},
    current_periods as (
      select account_id, subscription_id, max(service_end) as renews_on
      from sub_lines
      where period_months >= ${workspace.settings['renewal.min_interval_months']}::int
      group by account_id, subscription_id
    )
    select p.account_id, p.subscription_id, p.renews_on,
      (select round(sum(l.mrr), 2)::text from sub_lines l
        where l.subscription_id = p.subscription_id and l.service_end = p.renews_on) as mrr
    from current_periods p
    join customers c on c.account_id = p.account_id
    left join subscriptions s on s.workspace_id = ${workspaceId} and s.id = p.subscription_id
    where p.renews_on <= ${today}::date + ${trigger.days}::int
      and (s.id is null or (s.status <> 'cancelled' and (s.cancelled_at is null or s.cancelled_at > ${now})))
    order by p.renews_on, p.subscription_id`.execute(db);
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `renewal_due:${row.subscription_id}:${row.renews_on}:${trigger.days}`,
    occurredAt: now,
    context: {
      subscription_id: row.subscription_id,
      renewal_date: row.renews_on,
      days_left: (Date.parse(row.renews_on) - Date.parse(today)) / 86_400_000,
      mrr: row.mrr,
    },
  }));
}
