import type { TStore } from '../db/connect.ts';
import { repeatPass, type TRepeatingPass } from './repeat-pass.ts';
import { runJobPass, type TJobPassResult } from './run-job-pass.ts';

export type TJobWorker = TRepeatingPass;

/**
 * Runs a job pass (scheduler, then due jobs until none is left) now and then `pollMs` after the previous
 * pass ended, so passes never overlap. A failed pass is reported to `onError` and the loop goes on: the
 * jobs it had claimed are claimed again once their lease expires.
 */
export function startJobWorker({
  store,
  pollMs = 1000,
  onError,
  onPass,
  workerId,
  leaseSeconds,
}: {
  store: TStore;
  pollMs?: number;
  onError: (error: unknown) => void;
  /** Called after every successful pass (tests wait on it instead of sleeping). */
  onPass?: (result: TJobPassResult) => void;
  workerId?: string;
  leaseSeconds?: number;
}): TJobWorker {
  return repeatPass({
    intervalMs: pollMs,
    onError,
    pass: async (isStopping) => {
      // Not `onPass?.(await …)`: an optional call skips its arguments, so without onPass nothing would run.
      const result = await runJobPass({ store, workerId, leaseSeconds, isStopping });
      onPass?.(result);
    },
  });
}
