import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `event_count:<name>:<days>` measures, one column `c<i>` each: events of that name on the `days` local
 * days ending with `at`, from the daily rollups; counted as the sum of `quantity`, as the usage summaries
 * count events (an exported row may stand for several events). Accounts without such events have no row.
 */
export function sqlEventCountMeasures(
  scope: TMeasureScope,
  counts: readonly { event: string; days: number }[],
): RawBuilder<Record<string, unknown>> {
  const names = [...new Set(counts.map((c) => c.event))];
  const longest = Math.max(...counts.map((c) => c.days));
  const columns = counts.map(
    (c, i) =>
      sql`coalesce(sum(u.quantity) filter (where u.name = ${c.event} and u.day > b.at_day - ${sql.lit(c.days)}), 0)
        as ${sql.ref(`c${i}`)}`,
  );
  return sql`with ${measureScopeCtes(scope)}
    select u.account_id, ${sql.join(columns)}
    from usage_daily u cross join bounds b
    where u.workspace_id = ${scope.workspaceId} and u.name = any(${names}::text[])
      and u.day <= b.at_day and u.day > b.at_day - ${sql.lit(longest)}
      and u.account_id in (select id from scope)
    group by u.account_id`;
}

/**
 * `attribute:<name>` measures, one column `c<i>` each: the account's custom attribute when it is a number
 * (or a string holding one), else null. Attributes keep no history, so the backtest sees today's value.
 */
export function sqlAttributeMeasures(
  scope: TMeasureScope,
  names: readonly string[],
): RawBuilder<Record<string, unknown>> {
  const columns = names.map((name, i) => {
    const value = sql`a.attributes -> ${name}::text`;
    return sql`case when jsonb_typeof(${value}) = 'number' then (${value})::numeric
        when jsonb_typeof(${value}) = 'string' and (a.attributes ->> ${name}::text) ~ '^-?[0-9]+(\\.[0-9]+)?$'
          then (a.attributes ->> ${name}::text)::numeric end as ${sql.ref(`c${i}`)}`;
  });
  return sql`with ${measureScopeCtes(scope)}
    select a.id as account_id, ${sql.join(columns)}
    from accounts a where a.workspace_id = ${scope.workspaceId} and a.id in (select id from scope)`;
}
