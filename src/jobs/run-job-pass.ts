import { enqueueScheduledJobs } from './enqueue-scheduled-jobs.ts';
import { runDueJobs, type TRunDueJobs, type TRunDueJobsResult } from './run-due-jobs.ts';

export type TJobPassResult = TRunDueJobsResult & { scheduled: number };

/**
 * One pass of a worker: enqueue the scheduled jobs of the current slot, then run due jobs until none is
 * left (a retried job is due later, so this ends). Serves the worker loop and `tenure jobs run`.
 */
export async function runJobPass(
  options: TRunDueJobs & {
    /** Checked between batches: a stopping worker ends its pass early (the rest waits for the next one). */
    isStopping?: () => boolean;
  },
): Promise<TJobPassResult> {
  const { isStopping, ...runOptions } = options;
  const { enqueued } = await enqueueScheduledJobs({ store: options.store, now: options.now });
  const totals: TJobPassResult = { scheduled: enqueued, ran: 0, succeeded: 0, retried: 0, dead: 0 };
  for (;;) {
    const result = await runDueJobs(runOptions);
    totals.ran += result.ran;
    totals.succeeded += result.succeeded;
    totals.retried += result.retried;
    totals.dead += result.dead;
    if (result.ran === 0 || isStopping?.()) return totals;
  }
}
