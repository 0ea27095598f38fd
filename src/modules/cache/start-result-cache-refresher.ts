import type { TStore } from '../../db/connect.ts';
import { repeatPass, type TRepeatingPass } from '../../jobs/repeat-pass.ts';
import { refreshLanes, refreshResultCache, type TCacheRefreshResult } from './refresh-result-cache.ts';

/**
 * Runs `refreshResultCache` now and then `intervalMs` after the previous pass ended (under `tenure start`),
 * so a report whose data changed is computed again within seconds, before anyone opens its page.
 */
export function startResultCacheRefresher({
  store,
  intervalMs = 5_000,
  onError,
  onPass,
}: {
  store: TStore;
  intervalMs?: number;
  onError: (error: unknown) => void;
  /** Called after every successful pass (tests wait on it instead of sleeping). */
  onPass?: (result: TCacheRefreshResult) => void;
}): TRepeatingPass {
  return repeatPass({
    intervalMs,
    onError,
    pass: async (isStopping) => {
      const concurrency = refreshLanes(store.engine);
      const result = await refreshResultCache({ db: store.db, concurrency, isStopping });
      for (const failure of result.failed) onError(new Error(`${failure.key}: ${failure.error}`));
      onPass?.(result);
    },
  });
}
