import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `mrr`, `mrr_change_90d`, `contraction_90d` from the MRR movements up to `at` (an account's MRR at a day
 * is the sum of its changes so far, shared/spec/metrics.md "Recurring revenue"). Accounts that never had a
 * movement have no row (no revenue data). `mrr_change_90d` is null when MRR 90 days earlier was 0;
 * `contraction_90d` is 0 without contraction.
 */
export function sqlRevenueMeasures(scope: TMeasureScope): RawBuilder<Record<string, unknown>> {
  return sql`with ${measureScopeCtes(scope)},
    sums as (
      select m.account_id, sum(m.mrr_after - m.mrr_before) as mrr,
        coalesce(sum(m.mrr_after - m.mrr_before) filter (where m.date <= b.at_day - 90), 0) as mrr_then,
        sum(m.amount) filter (where m.type = 'contraction' and m.date > b.at_day - 90) as contraction
      from mrr_movements m cross join bounds b
      where m.workspace_id = ${scope.workspaceId} and m.date <= b.at_day
        and m.account_id in (select id from scope)
      group by m.account_id
    )
    select account_id, round(mrr, 2) as mrr,
      round((mrr - mrr_then) / nullif(mrr_then, 0), 6) as mrr_change_90d,
      case when contraction is null then 0 else round(contraction / nullif(mrr_then, 0), 6) end
        as contraction_90d
    from sums`;
}
