import type { TDb } from '../../db/connect.ts';
import { assertAccountExists } from './assert-account-exists.ts';

export type TAccountTicket = {
  id: string;
  opened_at: string;
  resolved_at: string | null;
  status: string;
  subject: string | null;
  channel: string | null;
  priority: string | null;
  is_complaint: boolean;
  satisfaction: number | null;
  agent_replies: number | null;
};

export type TAccountSurveyAnswer = {
  id: string;
  survey: string;
  score: number;
  comment: string | null;
  responded_at: string;
  contact_id: string | null;
};

/**
 * What the account told the team: its newest `limit` support tickets and survey answers (NPS, CSAT and any
 * other survey), each newest first.
 */
export async function findAccountFeedback({
  db,
  workspaceId,
  accountId,
  limit = 50,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  limit?: number;
}): Promise<{ account_id: string; tickets: TAccountTicket[]; survey_answers: TAccountSurveyAnswer[] }> {
  await assertAccountExists({ db, workspaceId, accountId });
  const tickets = await db
    .selectFrom('tickets')
    .select([
      'id',
      'opened_at',
      'resolved_at',
      'status',
      'subject',
      'channel',
      'priority',
      'is_complaint',
      'satisfaction',
      'agent_replies',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const answers = await db
    .selectFrom('survey_responses')
    .select(['id', 'survey', 'score', 'comment', 'responded_at', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .orderBy('responded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return {
    account_id: accountId,
    tickets: tickets.map((t) => ({
      ...t,
      opened_at: t.opened_at.toISOString(),
      resolved_at: t.resolved_at?.toISOString() ?? null,
      satisfaction: t.satisfaction === null ? null : Number(t.satisfaction),
    })),
    survey_answers: answers.map((a) => ({
      ...a,
      score: Number(a.score),
      responded_at: a.responded_at.toISOString(),
    })),
  };
}
