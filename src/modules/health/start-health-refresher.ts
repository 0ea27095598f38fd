import type { TStore } from '../../db/connect.ts';
import { refreshStaleHealth, type TRefreshResult } from './refresh-stale-health.ts';

export type THealthRefresher = {
  /** Stops the loop; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
};

/**
 * Runs `refreshStaleHealth` for every workspace now and then every `intervalMs` after the previous pass
 * ended, so passes never overlap (a slow pass delays the next one instead of stacking). A failed pass is
 * reported to `onError` and the loop goes on: a bad row must not stop every workspace's health.
 */
export function startHealthRefresher({
  store,
  intervalMs = 15_000,
  onError,
  onPass,
}: {
  store: TStore;
  intervalMs?: number;
  onError: (error: unknown) => void;
  /** Called after every successful pass (tests wait on it instead of sleeping). */
  onPass?: (results: TRefreshResult[]) => void;
}): THealthRefresher {
  const dailyDone = new Map<string, string>();
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const pass = async () => {
    try {
      const results = await refreshStaleHealth({ store, dailyDone });
      onPass?.(results);
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
        timer = setTimeout(loop, intervalMs);
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
