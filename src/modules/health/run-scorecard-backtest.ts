import type { TDb } from '../../db/connect.ts';
import { ensureDefaultScorecard } from './ensure-default-scorecard.ts';
import { findScorecards } from './find-scorecards.ts';
import { getScorecard } from './get-scorecard.ts';
import { runBacktest } from './run-backtest.ts';

/**
 * The backtest (issue 3 item 6) of a stored scorecard's latest version, by id (default: the workspace's
 * default scorecard), labelled with the scorecard it tested.
 */
export async function runScorecardBacktest({
  db,
  workspaceId,
  horizonDays = 90,
  scorecardId,
}: {
  db: TDb;
  workspaceId: string;
  horizonDays?: number;
  scorecardId?: string;
}) {
  await ensureDefaultScorecard({ db, workspaceId });
  const scorecard = scorecardId
    ? await getScorecard({ db, workspaceId, id: scorecardId })
    : (await findScorecards({ db, workspaceId })).find((s) => s.is_default)!;
  const result = await runBacktest({ db, workspaceId, definition: scorecard.definition, horizonDays });
  return { scorecard: { id: scorecard.id, version: scorecard.version, name: scorecard.name }, ...result };
}
