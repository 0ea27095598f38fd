import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** Workspace settings: the *options* of shared/spec/metrics.md, with their defaults. */
export const ZWorkspaceSettings = z.object({
  'mrr.discounts': z.enum(['deduct', 'ignore']).default('deduct'),
  'ltv.gross_margin': z.number().gt(0).max(1).default(1),
  'renewal.min_interval_months': z.number().int().min(1).default(12),
  'renewal.grace_days': z.number().int().min(0).default(30),
});
export type TWorkspaceSettings = z.infer<typeof ZWorkspaceSettings>;

export type TWorkspace = {
  id: string;
  reportingCurrency: string;
  timezone: string;
  settings: TWorkspaceSettings;
};

export async function getWorkspace({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TWorkspace> {
  const row = await db
    .selectFrom('workspaces')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'not_found',
      `workspace "${workspaceId}" has no data yet: run \`tenure import\` or \`tenure demo\` first`,
    );
  }
  return {
    id: row.workspace_id,
    reportingCurrency: row.reporting_currency.trim(),
    timezone: row.timezone,
    settings: ZWorkspaceSettings.parse(row.settings ?? {}),
  };
}
