import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace, type TWorkspace } from '../workspaces/get-workspace.ts';

export type TTriggerClock = {
  workspace: TWorkspace;
  /** The local day of `now` in the workspace time zone, `YYYY-MM-DD`: state triggers count days from it. */
  today: string;
};

/** Health scores, usage rollups and MRR movements are kept per local day, so triggers reason in local days. */
export async function resolveTriggerClock({
  db,
  workspaceId,
  now,
}: {
  db: TDb;
  workspaceId: string;
  now: Date;
}): Promise<TTriggerClock> {
  const workspace = await getWorkspace({ db, workspaceId });
  return { workspace, today: todayIn(workspace.timezone, now) };
}
