import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { writeUsageRollups } from './write-usage-rollups.ts';

/**
 * Rebuilds every usage rollup of a workspace from its events, in one transaction (the caller's when `db` is
 * one). Imports keep the rollups current on their own; this is for repairs and for checking them.
 */
export async function rebuildUsageRollups({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<void> {
  const run = async (trx: TDb) => {
    const { timezone } = await getWorkspace({ db: trx, workspaceId });
    await writeUsageRollups(trx, { workspaceId, timezone, scope: 'workspace' });
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}
