import { type RawBuilder, sql } from 'kysely';
import type { TSuccessScope } from './sql-scope.ts';

/**
 * CTEs `nps(period, responses, promoters, passives, detractors)` and `csat(period, responses, satisfied)`
 * from `survey_responses` (shared/spec/metrics.md "Customer success").
 *
 * NPS counts "per account: its contacts' latest response each": within each period only the latest `nps`
 * response of each contact of an account counts, so a contact who answers every week is one voice, not
 * many. A response without a contact cannot be matched to anyone's later answer and counts on its own.
 * Promoters answer 9–10, passives 7–8, detractors 0–6 (scores are whole numbers, checked on import).
 *
 * CSAT is transactional (one answer per interaction), so every `csat` response counts; satisfied means 4 or
 * 5 on the 1–5 scale.
 */
export function surveyCtes(scope: TSuccessScope): RawBuilder<unknown> {
  const r = (column: string) => sql.ref(`r.${column}`);
  return sql`nps_ranked as (
    select p.period, r.score,
      row_number() over (
        partition by p.period, r.account_id, r.contact_id, case when r.contact_id is null then r.id end
        order by r.responded_at desc, r.id desc) as rank
    from survey_responses r
    join periods p on p.p_start = ${scope.bucket(r('responded_at'))}
    where r.workspace_id = ${scope.workspaceId} and r.survey = 'nps' and ${scope.inRange(r('responded_at'))}
      and ${scope.inAccounts(r('account_id'))}
  ),
  nps as (
    select period, count(*) as responses,
      count(*) filter (where score >= 9) as promoters,
      count(*) filter (where score >= 7 and score < 9) as passives,
      count(*) filter (where score < 7) as detractors
    from nps_ranked where rank = 1
    group by period
  ),
  csat as (
    select p.period, count(*) as responses, count(*) filter (where r.score >= 4) as satisfied
    from survey_responses r
    join periods p on p.p_start = ${scope.bucket(r('responded_at'))}
    where r.workspace_id = ${scope.workspaceId} and r.survey = 'csat' and ${scope.inRange(r('responded_at'))}
      and ${scope.inAccounts(r('account_id'))}
    group by p.period
  )`;
}
