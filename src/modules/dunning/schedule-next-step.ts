import type { TDb } from '../../db/connect.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { addDays } from './add-days.ts';
import { enqueueDunningRetry } from './enqueue-dunning-retry.ts';
import type { TDunningCaseRow } from './load-dunning-case.ts';

export const FINAL_JOB = 'dunning.final';

/**
 * After attempt `attempt` failed softly: the next attempt at `schedule_anchor + retry_days[attempt]` (at
 * once if that is past), or, after the last one, the final action `grace_days` later.
 */
export async function scheduleNextStep(
  db: TDb,
  { dunningCase, attempt, now }: { dunningCase: TDunningCaseRow; attempt: number; now: Date },
): Promise<void> {
  const { policy } = dunningCase;
  const nextDay = policy.retry_days[attempt];
  if (nextDay !== undefined) {
    const due = addDays(dunningCase.schedule_anchor, nextDay);
    await enqueueDunningRetry(db, {
      workspaceId: dunningCase.workspace_id,
      caseId: dunningCase.id,
      attempt: attempt + 1,
      runAt: due > now ? due : now,
    });
    return;
  }
  await enqueueJob(db, {
    workspaceId: dunningCase.workspace_id,
    name: FINAL_JOB,
    payload: { case_id: dunningCase.id },
    key: `${FINAL_JOB}:${dunningCase.id}`,
    runAt: addDays(now, policy.grace_days),
  });
}
