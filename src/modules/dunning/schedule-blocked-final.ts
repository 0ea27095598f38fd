import type { TDb } from '../../db/connect.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { addDays } from './add-days.ts';
import type { TDunningPolicy } from './dunning-policy.ts';
import { FINAL_JOB } from './schedule-next-step.ts';

/**
 * A hard decline blocks a case until a new default payment method arrives; this is its deadline. The final
 * action runs on the day the soft schedule would have ended (`opened_at + last retry day`) plus
 * `grace_days`, so a card that is never replaced costs the customer no more time than a soft failure would.
 * A block after that day (the schedule resumed late and failed hard again) still gets `grace_days` from now,
 * as the last soft failure does.
 *
 * The job carries `blocked_after_attempt` (attempts made when the block began; its key too): if a payment
 * method unblocked the case, an attempt ran since and the counts differ, so the job does nothing
 * (finalizeDunningCase checks). Runs in the caller's transaction.
 */
export async function scheduleBlockedFinal(
  db: TDb,
  {
    workspaceId,
    caseId,
    policy,
    openedAt,
    attemptsMade,
    now,
  }: {
    workspaceId: string;
    caseId: string;
    policy: TDunningPolicy;
    openedAt: Date;
    attemptsMade: number;
    now: Date;
  },
): Promise<Date> {
  const lastRetryDay = Math.max(0, ...policy.retry_days);
  const deadline = addDays(new Date(openedAt), lastRetryDay + policy.grace_days);
  const runAt = new Date(Math.max(deadline.getTime(), addDays(now, policy.grace_days).getTime()));
  await enqueueJob(db, {
    workspaceId,
    name: FINAL_JOB,
    payload: { case_id: caseId, blocked_after_attempt: attemptsMade },
    key: `${FINAL_JOB}:${caseId}:blocked:${attemptsMade}`,
    runAt,
  });
  return runAt;
}
