import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assignScorecards } from './assign-scorecards.ts';
import { computeHealthScores } from './compute-health-scores.ts';
import { ensureDefaultScorecard } from './ensure-default-scorecard.ts';
import { storeHealthScores } from './store-health-scores.ts';

const MAX_DAYS = 400;

/** Every date from `from` to `to`, both included (`YYYY-MM-DD`, calendar days). */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Scores every account for each local day from `from` to `to`, as the daily job would have, so trends and
 * "what changed since 7/30 days" have a history (the demo, or a workspace just imported). Each day sees
 * only the data known at its end (findMeasureValues' rule), so the history is what the scores would have
 * been. Scorecards are assigned once, by today's segments and stages: their history is not kept. Rescoring
 * the past writes no lifecycle events (nothing happened now). One set-based computation per day.
 */
export async function backfillHealth({
  db,
  workspaceId,
  from,
  to,
  onDay,
}: {
  db: TDb;
  workspaceId: string;
  from: string;
  to: string;
  onDay?: (date: string, index: number, total: number) => void;
}): Promise<{ from: string; to: string; days: number; scores: number }> {
  const days = daysBetween(from, to);
  if (days.length === 0) throw new AppError('invalid_input', `from ${from} is after to ${to}`);
  if (days.length > MAX_DAYS) throw new AppError('invalid_input', `at most ${MAX_DAYS} days at a time`);
  await ensureDefaultScorecard({ db, workspaceId });
  const { scorecardFor } = await assignScorecards({ db, workspaceId });
  let scores = 0;
  for (const [index, date] of days.entries()) {
    onDay?.(date, index, days.length);
    const computed = await computeHealthScores({ db, workspaceId, at: date, scorecardFor });
    const { stored } = await db
      .transaction()
      .execute((trx) =>
        storeHealthScores({ db: trx, workspaceId, date, scores: computed, writeEvents: false }),
      );
    scores += stored;
  }
  return { from, to, days: days.length, scores };
}
