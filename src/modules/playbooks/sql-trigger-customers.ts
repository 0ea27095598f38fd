import { type RawBuilder, sql } from 'kysely';

/**
 * The CTE `customers(account_id)`: accounts someone manages as a customer at `now` — MRR above zero on
 * the local day `today`, or a subscription that is active or past due (a failing card is still a customer)
 * and not cancelled yet. State triggers use it so that churned accounts and prospects never match.
 * `accountId` narrows it to one account (for isTriggerHolding).
 */
export function customersCte({
  workspaceId,
  today,
  now,
  accountId,
}: {
  workspaceId: string;
  today: string;
  now: Date;
  accountId?: string;
}): RawBuilder<unknown> {
  const only = accountId === undefined ? sql`` : sql`and a.id = ${accountId}`;
  return sql`customers as (
    select a.id as account_id
    from accounts a
    where a.workspace_id = ${workspaceId} ${only}
      and (
        coalesce((
          select m.mrr_after from mrr_movements m
          where m.workspace_id = a.workspace_id and m.account_id = a.id and m.date <= ${today}::date
          order by m.date desc limit 1
        ), 0) > 0
        or exists (
          select 1 from subscriptions s
          where s.workspace_id = a.workspace_id and s.account_id = a.id and s.status in ('active', 'past_due')
            and (s.cancelled_at is null or s.cancelled_at > ${now})
        )
      )
  )`;
}
