import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { lineMrrCtes } from '../revenue/sql-line-mrr.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { getWorkspace, type TWorkspaceSettings } from '../workspaces/get-workspace.ts';

export type TClassifyResult = {
  date: string;
  /** Accounts classified. */
  accounts: number;
  tier_changes: number;
  stage_changes: number;
};

type TStageRule = TWorkspaceSettings['lifecycle.stage_order'][number];

/**
 * Computes every account's tier and lifecycle stage as of `at` (default today in the workspace time zone)
 * and stores them in `account_profiles`, in one set-based statement. Each change writes a `tier_changed` /
 * `stage_changed` lifecycle event with the old and new value; an account's first classification writes
 * them too, with `from_value` null, so automation can react to "became VIP" for a new account as well.
 * A profile row is rewritten only when its tier or stage changed (`tier_since` / `stage_since` move then).
 *
 * Tiers (settings `tiers.*`), first match wins:
 * - `vip`: a customer (MRR > 0) among the top `vip_top_share` of customers by MRR (ties at the edge all
 *   count) with MRR ≥ `vip_min_mrr`;
 * - `potential`: `revenue_potential` > 0 and ≥ `potential_ratio` × MRR (so a prospect with a potential
 *   is one);
 * - `core`: a customer with MRR ≥ `core_min_mrr` whose latest health score is ≥ `core_min_health` or who
 *   has no score yet;
 * - `non_core`: the rest, including accounts that are not customers.
 * Stages (settings `lifecycle.*`): the first rule of `lifecycle.stage_order` that holds, else `adoption`
 * for a customer and `prospect` for anyone else. A rule left out of the order never applies.
 * - `churned`: had MRR, now 0;
 * - `trial`: no MRR, and a subscription `trialing` or with `trial_end` after `at`;
 * - `onboarding`: a customer whose current spell (latest new or reactivation movement) began less than
 *   `onboarding_days` before `at`;
 * - `at_risk`: a customer whose latest health band is red;
 * - `renewal_due`: a customer with a subscription period of at least `renewal.min_interval_months`
 *   (shared/spec/metrics.md "Renewal rate") ending within `renewal_window_days` after `at`.
 * Tier ranks need every customer's MRR, so `accountIds` narrows what is stored, not what is ranked.
 */
export async function classifyAccounts({
  db,
  workspaceId,
  at,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  at?: string;
  accountIds?: string[];
}): Promise<TClassifyResult> {
  const workspace = await getWorkspace({ db, workspaceId });
  const s = workspace.settings;
  const day = at === undefined ? todayIn(workspace.timezone) : parseDay(at, 'start', 'at');
  const stageRules: Record<TStageRule, RawBuilder<boolean>> = {
    churned: sql`f.had_mrr and f.mrr = 0`,
    trial: sql`f.is_trialing and f.mrr = 0`,
    onboarding: sql`f.mrr > 0 and f.customer_since > ${day}::date - ${s['lifecycle.onboarding_days']}::int`,
    at_risk: sql`f.mrr > 0 and f.band = 'red'`,
    renewal_due: sql`f.mrr > 0 and f.is_renewing`,
  };
  const stageCases = s['lifecycle.stage_order'].map(
    (stage) => sql`when ${stageRules[stage]} then ${stage}::text`,
  );
  const renewals = lineMrrCtes({
    workspace,
    accountIds,
    extraWhere: sql`and l.service_end > ${day}::date
      and l.service_end <= ${day}::date + ${s['lifecycle.renewal_window_days']}::int`,
  });
  const only = accountIds ? sql`and account_id = any(${accountIds}::text[])` : sql``;
  const { rows } = await sql<{ accounts: number; tier_changes: number; stage_changes: number }>`
    with ${renewals},
    renewing as (
      select distinct account_id from sub_lines where period_months >= ${s['renewal.min_interval_months']}::int
    ),
    latest_mrr as (
      select distinct on (account_id) account_id, mrr_after as mrr
      from mrr_movements where workspace_id = ${workspaceId} and date <= ${day}::date
      order by account_id, date desc
    ),
    spells as (
      select account_id, max(date) as customer_since
      from mrr_movements
      where workspace_id = ${workspaceId} and date <= ${day}::date and type in ('new', 'reactivation') ${only}
      group by account_id
    ),
    health as (
      select distinct on (account_id) account_id, score, band
      from health_scores where workspace_id = ${workspaceId} and date <= ${day}::date ${only}
      order by account_id, date desc
    ),
    trials as (
      select distinct account_id from subscriptions
      where workspace_id = ${workspaceId} ${only}
        and (status = 'trialing' or (trial_end at time zone ${workspace.timezone}::text)::date > ${day}::date)
    ),
    facts as (
      select a.id as account_id, a.revenue_potential, coalesce(m.mrr, 0) as mrr, m.account_id is not null as had_mrr,
        sp.customer_since, h.score, h.band, t.account_id is not null as is_trialing,
        r.account_id is not null as is_renewing
      from accounts a
      left join latest_mrr m on m.account_id = a.id
      left join spells sp on sp.account_id = a.id
      left join health h on h.account_id = a.id
      left join trials t on t.account_id = a.id
      left join renewing r on r.account_id = a.id
      where a.workspace_id = ${workspaceId}
    ),
    ranked as (
      select f.*, rank() over (partition by f.mrr > 0 order by f.mrr desc) as mrr_rank,
        count(*) filter (where f.mrr > 0) over () as customers
      from facts f
    ),
    classified as (
      select f.account_id,
        case
          when f.mrr > 0 and f.mrr_rank <= ceil(f.customers * ${s['tiers.vip_top_share']}::numeric)
            and f.mrr >= ${s['tiers.vip_min_mrr']}::numeric then 'vip'
          when f.revenue_potential > 0 and f.revenue_potential >= ${s['tiers.potential_ratio']}::numeric * f.mrr
            then 'potential'
          when f.mrr > 0 and f.mrr >= ${s['tiers.core_min_mrr']}::numeric
            and (f.score is null or f.score >= ${s['tiers.core_min_health']}::numeric) then 'core'
          else 'non_core'
        end as tier,
        case ${sql.join(stageCases, sql` `)} when f.mrr > 0 then 'adoption' else 'prospect' end as stage
      from ranked f
      where true ${accountIds ? sql`and f.account_id = any(${accountIds}::text[])` : sql``}
    ),
    tier_events as (
      insert into lifecycle_events (workspace_id, account_id, type, from_value, to_value)
      select ${workspaceId}, c.account_id, 'tier_changed', p.tier, c.tier
      from classified c
      left join account_profiles p on p.workspace_id = ${workspaceId} and p.account_id = c.account_id
      where p.tier is distinct from c.tier
      returning 1
    ),
    stage_events as (
      insert into lifecycle_events (workspace_id, account_id, type, from_value, to_value)
      select ${workspaceId}, c.account_id, 'stage_changed', p.stage, c.stage
      from classified c
      left join account_profiles p on p.workspace_id = ${workspaceId} and p.account_id = c.account_id
      where p.stage is distinct from c.stage
      returning 1
    ),
    upserted as (
      insert into account_profiles as p (workspace_id, account_id, tier, stage)
      select ${workspaceId}, account_id, tier, stage from classified
      on conflict (workspace_id, account_id) do update set
        tier = excluded.tier,
        stage = excluded.stage,
        tier_since = case when p.tier = excluded.tier then p.tier_since else now() end,
        stage_since = case when p.stage = excluded.stage then p.stage_since else now() end,
        computed_at = now()
      where p.tier is distinct from excluded.tier or p.stage is distinct from excluded.stage
      returning 1
    )
    select (select count(*) from classified) as accounts,
      (select count(*) from tier_events) as tier_changes,
      (select count(*) from stage_events) as stage_changes,
      (select count(*) from upserted) as written`.execute(db);
  const row = rows[0]!;
  return {
    date: day,
    accounts: Number(row.accounts),
    tier_changes: Number(row.tier_changes),
    stage_changes: Number(row.stage_changes),
  };
}
