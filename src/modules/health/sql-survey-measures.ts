import { type RawBuilder, sql } from 'kysely';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';

/**
 * `nps_latest`: the mean of each contact's latest NPS answer (0–10) within 365 days (shared/spec/metrics.md
 * "Customer success": per account, its contacts' latest response each; an answer without a contact counts
 * on its own). `csat_90d`: % of CSAT answers of 4 or 5 in the last 90 days. Null without answers.
 */
export function sqlSurveyMeasures(scope: TMeasureScope): RawBuilder<Record<string, unknown>> {
  const mine = sql`r.workspace_id = ${scope.workspaceId} and r.responded_at < b.cutoff
    and r.account_id in (select id from scope)`;
  return sql`with ${measureScopeCtes(scope)},
    latest as (
      select distinct on (r.account_id, coalesce(r.contact_id, r.id)) r.account_id, r.score
      from survey_responses r cross join bounds b
      where ${mine} and r.survey = 'nps' and r.responded_at >= b.since_365
      order by r.account_id, coalesce(r.contact_id, r.id), r.responded_at desc, r.id desc
    ),
    parts as (
      select account_id, round(avg(score), 6) as nps_latest, null::numeric as csat_90d
      from latest group by account_id
      union all
      select r.account_id, null, round(100.0 * count(*) filter (where r.score >= 4) / count(*), 6)
      from survey_responses r cross join bounds b
      where ${mine} and r.survey = 'csat' and r.responded_at >= b.since_90
      group by r.account_id
    )
    select account_id, max(nps_latest) as nps_latest, max(csat_90d) as csat_90d
    from parts group by account_id`;
}
