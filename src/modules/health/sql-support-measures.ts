import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `open_tickets`, `tickets_90d`, `unresolved_complaints`, `ticket_satisfaction_90d` per account as known at
 * the end of `at`: a ticket resolved after `at` was still open then. A solved or closed ticket without
 * `resolved_at` counts as resolved (when is unknown; most help desks fill it). Accounts without tickets
 * have no row (their counts are 0).
 */
export function sqlSupportMeasures(scope: TMeasureScope): RawBuilder<Record<string, unknown>> {
  const resolved = sql`coalesce(t.resolved_at < b.cutoff, t.status in ('solved', 'closed'))`;
  return sql`with ${measureScopeCtes(scope)}
    select t.account_id,
      count(*) filter (where not ${resolved}) as open_tickets,
      count(*) filter (where t.opened_at >= b.since_90) as tickets_90d,
      count(*) filter (where t.is_complaint and not ${resolved}) as unresolved_complaints,
      round(avg(t.satisfaction) filter (where t.resolved_at >= b.since_90 and t.resolved_at < b.cutoff), 6)
        as ticket_satisfaction_90d
    from tickets t cross join bounds b
    where t.workspace_id = ${scope.workspaceId} and t.opened_at < b.cutoff
      and t.account_id in (select id from scope)
    group by t.account_id`;
}
