import type { TStore } from '../../db/connect.ts';
import { repeatPass, type TRepeatingPass } from '../../jobs/repeat-pass.ts';
import { refreshStaleHealth, type TRefreshResult } from './refresh-stale-health.ts';

export type THealthRefresher = TRepeatingPass;

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
  return repeatPass({
    intervalMs,
    onError,
    pass: async () => {
      // Not `onPass?.(await …)`: an optional call skips its arguments, so without onPass nothing would run.
      const results = await refreshStaleHealth({ store, dailyDone });
      onPass?.(results);
    },
  });
}
