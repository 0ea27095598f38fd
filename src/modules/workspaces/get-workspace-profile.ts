import type { TDb } from '../../db/connect.ts';
import { getWorkspace, type TWorkspaceSettings } from './get-workspace.ts';
import { hasWorkspaceData } from './has-workspace-data.ts';

export type TWorkspaceProfile = {
  id: string;
  reporting_currency: string;
  timezone: string;
  /** The metric and lifecycle options of docs/metrics.md, defaults filled in. */
  settings: TWorkspaceSettings;
  /** True once the workspace holds accounts: its currency and time zone are then fixed. */
  has_data: boolean;
};

/** The workspace as the API shows it (GET and PATCH /v1/workspace). */
export async function getWorkspaceProfile({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TWorkspaceProfile> {
  const workspace = await getWorkspace({ db, workspaceId });
  return {
    id: workspace.id,
    reporting_currency: workspace.reportingCurrency,
    timezone: workspace.timezone,
    settings: workspace.settings,
    has_data: await hasWorkspaceData({ db, workspaceId }),
  };
}
