import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `email_open_rate_90d`: distinct opened / delivered messages (shared/spec/metrics.md "Customer success")
 * among the messages delivered to the account's contacts in the last 90 days, opens known by `at`. Null
 * when nothing was delivered.
 */
export function sqlEngagementMeasures(scope: TMeasureScope): RawBuilder<Record<string, unknown>> {
  return sql`with ${measureScopeCtes(scope)},
    messages as (
      select c.account_id, e.message_id,
        bool_or(e.type = 'delivered') as is_delivered, bool_or(e.type = 'opened') as is_opened
      from email_events e cross join bounds b
      join contacts c on c.workspace_id = e.workspace_id and c.id = e.contact_id
      where e.workspace_id = ${scope.workspaceId} and e.type in ('delivered', 'opened')
        and e.occurred_at >= b.since_90 and e.occurred_at < b.cutoff
        and c.account_id in (select id from scope)
      group by c.account_id, e.message_id
    )
    select account_id,
      round(count(*) filter (where is_delivered and is_opened)::numeric
        / nullif(count(*) filter (where is_delivered), 0), 6) as email_open_rate_90d
    from messages group by account_id`;
}
