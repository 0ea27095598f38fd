import type { TDb } from '../../db/connect.ts';
import { refreshSegments, type TSegmentRefresh } from '../segments/refresh-segments.ts';
import { classifyAccounts, type TClassifyResult } from './classify-accounts.ts';

/**
 * Tiers and stages, then segment membership (filters may name tier, stage and health), in one
 * transaction. The health refresher calls it after rescoring, with the accounts it rescored.
 */
export async function refreshClassifications({
  db,
  workspaceId,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  accountIds?: string[];
}): Promise<TClassifyResult & { segments: TSegmentRefresh[] }> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => refreshClassifications({ db: trx, workspaceId, accountIds }));
  }
  const classified = await classifyAccounts({ db, workspaceId, accountIds });
  const { segments } = await refreshSegments({ db, workspaceId, accountIds });
  return { ...classified, segments };
}
