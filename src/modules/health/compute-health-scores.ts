import type { TDb } from '../../db/connect.ts';
import { findMeasureValues } from './find-measure-values.ts';
import { scoreAccount, type TAccountScore } from './score-account.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

export type TScorecardChoice = { id: string; version: number; definition: TScorecardDefinition };

export type TComputedHealthScore = {
  account_id: string;
  scorecard_id: string;
  scorecard_version: number;
} & TAccountScore;

/**
 * Scores every account that existed at the end of local day `at` (or the given ones) with the scorecard
 * `scorecardFor` picks for it, from data known by then. The measure values of all scorecards in play are
 * fetched at once. Accounts without any data for their scorecard are left out (nothing to store). Writes
 * nothing: the caller stores.
 */
export async function computeHealthScores({
  db,
  workspaceId,
  at,
  accountIds,
  scorecardFor,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
  accountIds?: readonly string[];
  scorecardFor: (accountId: string) => TScorecardChoice;
}): Promise<TComputedHealthScore[]> {
  const accounts = accountIds
    ? [...new Set(accountIds)]
    : (await db.selectFrom('accounts').select('id').where('workspace_id', '=', workspaceId).execute()).map(
        (a) => a.id,
      );
  const chosen = new Map(accounts.map((id) => [id, scorecardFor(id)]));
  const metrics = new Set<string>();
  const seen = new Set<string>();
  for (const choice of chosen.values()) {
    if (seen.has(`${choice.id}@${choice.version}`)) continue;
    seen.add(`${choice.id}@${choice.version}`);
    for (const measure of choice.definition.measures) metrics.add(measure.metric);
  }
  const values = await findMeasureValues({ db, workspaceId, at, accountIds, metrics: [...metrics] });
  const scores: TComputedHealthScore[] = [];
  for (const [accountId, record] of values) {
    const choice = chosen.get(accountId);
    if (!choice) continue;
    const score = scoreAccount(choice.definition, record);
    if (!score) continue;
    scores.push({
      account_id: accountId,
      scorecard_id: choice.id,
      scorecard_version: choice.version,
      ...score,
    });
  }
  return scores;
}
