import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { assignScorecards } from './assign-scorecards.ts';
import { computeHealthScores } from './compute-health-scores.ts';
import { ensureDefaultScorecard } from './ensure-default-scorecard.ts';
import { storeHealthScores } from './store-health-scores.ts';

export type TRecomputeResult = {
  date: string;
  /** Accounts scored and stored. */
  scored: number;
  /** Stored scores of that day removed because their account no longer has data for any measure. */
  removed: number;
  band_changes: number;
};

/**
 * Scores accounts (default: all) for local day `at` (default: today in the workspace time zone) and stores
 * the result (shared/spec/metrics.md "Health": "every score is stored daily with its measures"). A band that
 * differs from the account's previous stored score is recorded as a `health_band_changed` lifecycle event.
 */
export async function recomputeHealth({
  db,
  workspaceId,
  at,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  at?: string;
  accountIds?: readonly string[];
}): Promise<TRecomputeResult> {
  const workspace = await getWorkspace({ db, workspaceId });
  const date = at ?? todayIn(workspace.timezone);
  if (accountIds?.length === 0) return { date, scored: 0, removed: 0, band_changes: 0 };
  await ensureDefaultScorecard({ db, workspaceId });
  const { scorecardFor } = await assignScorecards({ db, workspaceId, accountIds });
  const scores = await computeHealthScores({
    db,
    workspaceId,
    at: date,
    accountIds: accountIds ? [...accountIds] : undefined,
    scorecardFor,
  });
  return db.transaction().execute(async (trx) => {
    const { stored, band_changes } = await storeHealthScores({
      db: trx,
      workspaceId,
      date,
      scores,
      writeEvents: true,
    });
    const scoredIds = scores.map((s) => s.account_id);
    const removed = await sql<{ account_id: string }>`
      delete from health_scores
      where workspace_id = ${workspaceId} and date = ${date}::date
        and account_id <> all(${scoredIds}::text[])
        ${accountIds ? sql`and account_id = any(${accountIds}::text[])` : sql``}
      returning account_id`.execute(trx);
    return { date, scored: stored, removed: removed.rows.length, band_changes };
  });
}
