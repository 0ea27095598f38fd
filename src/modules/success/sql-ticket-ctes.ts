import { type RawBuilder, sql } from 'kysely';
import type { TSuccessScope } from './sql-scope.ts';

/**
 * A ticket counts as resolved by the instant `at` when it was resolved before then; one marked solved or
 * closed without a `resolved_at` has no known resolution time, so its current state is all there is to go
 * by and it counts as resolved (rather than as a complaint open forever). Never null, so that `not` works.
 */
const resolvedBy = (at: RawBuilder<unknown>) =>
  sql`((t.resolved_at is not null and t.resolved_at < ${at})
    or (t.resolved_at is null and t.status in ('solved', 'closed')))`;

/**
 * CTEs over `tickets` (shared/spec/metrics.md "Customer success"):
 * - `fcr(period, tickets, first_contact)`: tickets opened in the period, and those of them resolved (a
 *   `resolved_at`, or status solved / closed) with `agent_replies = 1`;
 * - `ticket_ratings(period, responses, satisfied)`: the tickets' own 1–5 satisfaction ratings, dated when
 *   the ticket was resolved (when the rating is asked for), else when it was opened; kept apart from the
 *   survey CSAT because help desks ask a different question at a different moment;
 * - `complaints(period, complaints, accounts)`: complaint tickets opened by the end of the period and not
 *   resolved by then, and how many accounts raised them.
 */
export function ticketCtes(scope: TSuccessScope): RawBuilder<unknown> {
  const t = (column: string) => sql.ref(`t.${column}`);
  const ratedAt = sql`coalesce(t.resolved_at, t.opened_at)`;
  return sql`fcr as (
    select p.period, count(*) as tickets,
      count(*) filter (where t.agent_replies = 1
        and (t.resolved_at is not null or t.status in ('solved', 'closed'))) as first_contact
    from tickets t
    join periods p on p.p_start = ${scope.bucket(t('opened_at'))}
    where t.workspace_id = ${scope.workspaceId} and ${scope.inRange(t('opened_at'))}
      and ${scope.inAccounts(t('account_id'))}
    group by p.period
  ),
  ticket_ratings as (
    select p.period, count(*) as responses, count(*) filter (where t.satisfaction >= 4) as satisfied
    from tickets t
    join periods p on p.p_start = ${scope.bucket(ratedAt)}
    where t.workspace_id = ${scope.workspaceId} and t.satisfaction is not null and ${scope.inRange(ratedAt)}
      and ${scope.inAccounts(t('account_id'))}
    group by p.period
  ),
  complaints as (
    select s.period, count(*) as complaints, count(distinct t.account_id) as accounts
    from tickets t
    join spans s on t.opened_at < s.end_ts and not ${resolvedBy(sql`s.end_ts`)}
    where t.workspace_id = ${scope.workspaceId} and t.is_complaint
      and t.opened_at < (select last_ts from bounds)
      and not ${resolvedBy(sql`(select first_ts from bounds)`)}
      and ${scope.inAccounts(t('account_id'))}
    group by s.period
  )`;
}
