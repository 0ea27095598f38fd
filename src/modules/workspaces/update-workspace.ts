import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { getWorkspace, type TWorkspace, ZWorkspaceSettings } from './get-workspace.ts';
import { assertCurrency, assertTimezone } from './validate-workspace.ts';

export type TUpdateWorkspaceInput = {
  db: TDb;
  workspaceId: string;
  reportingCurrency?: string;
  timezone?: string;
  /** Metric options of docs/metrics.md, e.g. `{ 'mrr.discounts': 'ignore' }`; merged into the current ones. */
  settings?: Record<string, unknown>;
};

/**
 * Changes a workspace's currency, time zone or metric options. Currency and time zone decide how every
 * imported amount and date was stored, so they can change only while the workspace holds no accounts.
 * An option that changes MRR (`mrr.discounts`) recomputes the movements in the same transaction.
 */
export async function updateWorkspace(input: TUpdateWorkspaceInput): Promise<TWorkspace> {
  return input.db.transaction().execute(async (trx) => {
    const current = await getWorkspace({ db: trx, workspaceId: input.workspaceId });
    const isChangingBasis =
      (input.reportingCurrency !== undefined && input.reportingCurrency !== current.reportingCurrency) ||
      (input.timezone !== undefined && input.timezone !== current.timezone);
    if (isChangingBasis) {
      const hasData = await trx
        .selectFrom('accounts')
        .select('id')
        .where('workspace_id', '=', input.workspaceId)
        .limit(1)
        .executeTakeFirst();
      if (hasData) {
        throw new AppError(
          'conflict',
          `workspace "${input.workspaceId}" already holds data: its reporting currency and time zone are ` +
            'fixed; create a new workspace for another currency or time zone',
        );
      }
    }
    const parsed = ZWorkspaceSettings.safeParse({ ...current.settings, ...input.settings });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('invalid_input', `setting ${issue.path.join('.')}: ${issue.message}`);
    }
    await trx
      .updateTable('workspaces')
      .set({
        reporting_currency: input.reportingCurrency ? assertCurrency(input.reportingCurrency) : undefined,
        timezone: input.timezone ? assertTimezone(input.timezone) : undefined,
        settings: sql`${JSON.stringify(parsed.data)}::jsonb`,
      })
      .where('workspace_id', '=', input.workspaceId)
      .execute();
    if (parsed.data['mrr.discounts'] !== current.settings['mrr.discounts']) {
      await recomputeMovements({ db: trx, workspaceId: input.workspaceId });
    }
    return getWorkspace({ db: trx, workspaceId: input.workspaceId });
  });
}
