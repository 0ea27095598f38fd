import { type RawBuilder, sql } from 'kysely';

export type TAccountFactsOptions = {
  workspaceId: string;
  /** The day the facts hold for (MRR and health as of that day), `YYYY-MM-DD`. */
  today: string;
  /** Restrict to these accounts (one array parameter, however many). */
  accountIds?: string[];
  /** Join each account's latest NPS answer (only when a filter asks for `nps_latest`). */
  withNps?: boolean;
};

/**
 * The CTE `account_facts`: one row per account with every field a segment filter can name
 * (filter-fields.ts). MRR is `mrr_after` of the account's latest movement on or before `today` (the same
 * figure as revenue/get-mrr.ts sums); health is the account's latest stored score on or before `today`;
 * tier and stage are its profile (null until classified). Built once per evaluation, set-based.
 */
export function accountFactsCte({
  workspaceId,
  today,
  accountIds,
  withNps,
}: TAccountFactsOptions): RawBuilder<unknown> {
  const only = (column: string) =>
    accountIds ? sql`and ${sql.ref(column)} = any(${accountIds}::text[])` : sql``;
  const nps = withNps
    ? sql`left join (
        select distinct on (account_id) account_id, score
        from survey_responses
        where workspace_id = ${workspaceId} and survey = 'nps' and responded_at < (${today}::date + 1) ${only('account_id')}
        order by account_id, responded_at desc, id desc
      ) n on n.account_id = a.id`
    : sql``;
  return sql`account_facts as (
    select a.id, a.name, a.owner_email, a.created_at, a.lifecycle_stage, a.revenue_potential, a.parent_id,
      a.attributes, coalesce(m.mrr, 0) as mrr, coalesce(m.mrr, 0) * 12 as arr, coalesce(m.mrr, 0) > 0 as customer,
      h.score as health_score, h.band as health_band, p.tier, p.stage,
      ${withNps ? sql`n.score` : sql`null::numeric`} as nps_latest
    from accounts a
    left join (
      select distinct on (account_id) account_id, mrr_after as mrr
      from mrr_movements
      where workspace_id = ${workspaceId} and date <= ${today}::date ${only('account_id')}
      order by account_id, date desc
    ) m on m.account_id = a.id
    left join (
      select distinct on (account_id) account_id, score, band
      from health_scores
      where workspace_id = ${workspaceId} and date <= ${today}::date ${only('account_id')}
      order by account_id, date desc
    ) h on h.account_id = a.id
    left join account_profiles p on p.workspace_id = a.workspace_id and p.account_id = a.id
    ${nps}
    where a.workspace_id = ${workspaceId} ${only('a.id')}
  )`;
}
