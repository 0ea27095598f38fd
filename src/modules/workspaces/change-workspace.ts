import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { markHealthStale } from '../health/mark-health-stale.ts';
import { getWorkspace, ZWorkspaceSettings } from './get-workspace.ts';
import { getWorkspaceProfile, type TWorkspaceProfile } from './get-workspace-profile.ts';
import { updateWorkspace } from './update-workspace.ts';
import { assertCurrency, assertTimezone } from './validate-workspace.ts';

export type TChangeWorkspaceInput = {
  db: TDb;
  workspaceId: string;
  reportingCurrency?: string;
  timezone?: string;
  /** Some options of ZWorkspaceSettings; the others keep their values. */
  settings?: Record<string, unknown>;
};

const KNOWN_SETTINGS = Object.keys(ZWorkspaceSettings.shape);

/**
 * A change of the workspace sent by a person or an integration (PATCH /v1/workspace): `updateWorkspace`'s
 * rules (currency and time zone only while the workspace is empty, options validated, MRR recomputed when
 * `mrr.discounts` changes), plus what a typed request needs: an unknown option is refused instead of
 * silently dropped, a code sent in another case (`usd`) or a zone's alias is no change, and when MRR was
 * recomputed every account's health (whose revenue measures read MRR) is queued for rescoring.
 */
export async function changeWorkspace(input: TChangeWorkspaceInput): Promise<TWorkspaceProfile> {
  const { db, workspaceId } = input;
  const unknown = Object.keys(input.settings ?? {}).filter((key) => !KNOWN_SETTINGS.includes(key));
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `unknown setting ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${KNOWN_SETTINGS.join(', ')})`,
    );
  }
  const before = await getWorkspace({ db, workspaceId });
  const after = await updateWorkspace({
    db,
    workspaceId,
    reportingCurrency:
      input.reportingCurrency === undefined ? undefined : assertCurrency(input.reportingCurrency),
    timezone: input.timezone === undefined ? undefined : assertTimezone(input.timezone),
    settings: input.settings,
  });
  if (after.settings['mrr.discounts'] !== before.settings['mrr.discounts']) {
    await markHealthStale({ db, workspaceId, accountIds: undefined });
  }
  return getWorkspaceProfile({ db, workspaceId });
}
