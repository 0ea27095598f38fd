import type { TStore } from '../db/connect.ts';
import { runJobPass, type TJobPassResult } from './run-job-pass.ts';

export type TJobWorker = {
  /** Stops the loop; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
};

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
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const pass = async () => {
    try {
      onPass?.(await runJobPass({ store, workerId, leaseSeconds, isStopping: () => isStopped }));
    } catch (error) {
      onError(error);
    }
  };
  const loop = () => {
    timer = undefined;
    if (isStopped) return;
    running = pass().finally(() => {
      running = undefined;
      if (!isStopped) {
        timer = setTimeout(loop, pollMs);
        timer.unref();
      }
    });
  };
  loop();

  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
