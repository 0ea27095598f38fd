import { type RawBuilder, sql } from 'kysely';

export type TMeasureScope = {
  workspaceId: string;
  /** `YYYY-MM-DD`: the local day whose end is the cut-off. */
  at: string;
  timezone: string;
  accountIds?: readonly string[];
};

/**
 * The CTEs every measure query starts with. `bounds`: the local day `at` and the instants that end it and
 * start the 7/30/90/365-day windows, in the workspace time zone (a window of N days is the N local days
 * ending with `at`); only what happened before `cutoff` was known at the end of `at`, which keeps the
 * backtest honest. `scope`: the accounts that existed then (created by `cutoff`, or of unknown creation)
 * and are someone's to manage: customers (MRR > 0 at `at`), accounts in a trial, and accounts with no
 * billing data at all (a workspace that sends only usage); churned accounts and lapsed trials are not
 * scored;
 * materialized, so the queries hash it once instead of probing an id list per row (measured: 3 s → 0.2 s
 * for 1,100 of 2,000 accounts on PGlite).
 */
export function measureScopeCtes(scope: TMeasureScope): RawBuilder<unknown> {
  const local = (daysBack: number) =>
    sql`((${scope.at}::date + ${sql.lit(1 - daysBack)})::timestamp at time zone ${scope.timezone}::text)`;
  const ids = scope.accountIds ? sql`and a.id in (select unnest(${scope.accountIds}::text[]))` : sql``;
  return sql`bounds as (
      select ${scope.at}::date as at_day, ${local(0)} as cutoff, ${local(7)} as since_7,
        ${local(30)} as since_30, ${local(90)} as since_90, ${local(365)} as since_365
    ),
    scope as materialized (
      select a.id from accounts a, bounds b
      where a.workspace_id = ${scope.workspaceId} and (a.created_at is null or a.created_at < b.cutoff) ${ids}
        and coalesce((
          select m.mrr_after > 0 from mrr_movements m
          where m.workspace_id = a.workspace_id and m.account_id = a.id and m.date <= b.at_day
          order by m.date desc limit 1),
          not exists (
            select 1 from subscriptions s where s.workspace_id = a.workspace_id and s.account_id = a.id
              and (s.trial_end is null or s.trial_end < b.cutoff) and s.status <> 'trialing'))
    )`;
}
