import type { TDb } from '../../db/connect.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import type { TTrigger } from './trigger-schema.ts';

/**
 * Scores from which an answer is passive and promoter, per survey scale (shared/spec/data.md): NPS 0–10
 * (detractors 0–6, passives 7–8, promoters 9–10, shared/spec/metrics.md "NPS"), CSAT 1–5 (1–2, 3, 4–5),
 * CES 1–7 where higher means easier (1–3, 4–5, 6–7). Thresholds, not lists, so a fractional score falls
 * on one side. A survey of another scale has no categories and never matches.
 */
export const SURVEY_SCALES: Record<string, { passiveFrom: number; promoterFrom: number }> = {
  nps: { passiveFrom: 7, promoterFrom: 9 },
  csat: { passiveFrom: 3, promoterFrom: 4 },
  ces: { passiveFrom: 4, promoterFrom: 6 },
};

/** Survey responses of `survey` in the category, answered in (`since`, `now`]. Key: the response id. */
export async function findSurveyTriggerMatches({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: {
  db: TDb;
  workspaceId: string;
  trigger: Extract<TTrigger, { kind: 'survey_answered' }>;
  since: Date;
  now: Date;
}): Promise<TTriggerMatch[]> {
  const scale = SURVEY_SCALES[trigger.survey];
  if (scale === undefined) return [];
  let query = db
    .selectFrom('survey_responses as r')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'r.workspace_id').onRef('a.id', '=', 'r.account_id'),
    )
    .select(['r.id', 'r.account_id', 'r.contact_id', 'r.survey', 'r.score', 'r.comment', 'r.responded_at'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.survey', '=', trigger.survey)
    .where('r.responded_at', '>', since)
    .where('r.responded_at', '<=', now);
  if (trigger.category === 'detractor') query = query.where('r.score', '<', String(scale.passiveFrom));
  if (trigger.category === 'passive')
    query = query
      .where('r.score', '>=', String(scale.passiveFrom))
      .where('r.score', '<', String(scale.promoterFrom));
  if (trigger.category === 'promoter') query = query.where('r.score', '>=', String(scale.promoterFrom));
  const rows = await query.orderBy('r.responded_at').orderBy('r.id').execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: row.id,
    occurredAt: row.responded_at,
    context: {
      score: Number(row.score),
      comment: row.comment,
      survey: row.survey,
      category: trigger.category,
      contact_id: row.contact_id,
    },
  }));
}
