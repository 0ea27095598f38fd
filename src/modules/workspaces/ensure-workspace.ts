import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace, type TWorkspace } from './get-workspace.ts';
import { assertCurrency, assertTimezone } from './validate-workspace.ts';

export type TEnsureWorkspaceInput = {
  db: TDb;
  workspaceId: string;
  /** Used only when the workspace is created. */
  reportingCurrency?: string;
  timezone?: string;
};

const ZWorkspaceId = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Returns the workspace, creating it first when it does not exist (import and demo create on first use). */
export async function ensureWorkspace(input: TEnsureWorkspaceInput): Promise<TWorkspace> {
  const { db, workspaceId } = input;
  if (!ZWorkspaceId.test(workspaceId)) {
    throw new AppError(
      'invalid_usage',
      `invalid workspace name "${workspaceId}": use letters, digits, "_", "." or "-" (at most 63)`,
    );
  }
  await db
    .insertInto('workspaces')
    .values({
      workspace_id: workspaceId,
      reporting_currency: assertCurrency(input.reportingCurrency ?? 'USD'),
      timezone: assertTimezone(input.timezone ?? 'UTC'),
    })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  return getWorkspace({ db, workspaceId });
}
