import type { TDb } from '../../db/connect.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';

export const RETRY_JOB = 'dunning.retry';

/**
 * Schedules attempt `attempt` of a case. Attempts are chained (each failure schedules the next) so that a
 * blocked case that resumes never collides with a job left over from before: the key of attempt n is
 * `dunning.retry:<case>:<n>`, and attempt n is only ever scheduled once.
 */
export async function enqueueDunningRetry(
  db: TDb,
  input: { workspaceId: string; caseId: string; attempt: number; runAt: Date },
): Promise<void> {
  await enqueueJob(db, {
    workspaceId: input.workspaceId,
    name: RETRY_JOB,
    payload: { case_id: input.caseId, attempt: input.attempt },
    key: `${RETRY_JOB}:${input.caseId}:${input.attempt}`,
    runAt: input.runAt,
    maxAttempts: 5,
  });
}
