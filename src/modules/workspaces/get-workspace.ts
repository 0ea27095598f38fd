import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** Workspace settings: the *options* of shared/spec/metrics.md, with their defaults. */
export const ZWorkspaceSettings = z.object({
  'mrr.discounts': z.enum(['deduct', 'ignore']).default('deduct'),
  'ltv.gross_margin': z.number().gt(0).max(1).default(1),
  'renewal.min_interval_months': z.number().int().min(1).default(12),
  'renewal.grace_days': z.number().int().min(0).default(30),
  // Usage adoption (src/modules/usage): a list, or `a,b` text from `--set`; unset = recent event names.
  'usage.key_features': z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().min(1)).max(200),
    )
    .optional(),
  // Tiers and lifecycle stages: the rules are in src/modules/lifecycle/classify-accounts.ts.
  'tiers.vip_top_share': z.number().gt(0).max(1).default(0.1),
  'tiers.vip_min_mrr': z.number().min(0).default(0),
  'tiers.potential_ratio': z.number().gt(0).default(3),
  'tiers.core_min_mrr': z.number().min(0).default(0),
  'tiers.core_min_health': z.number().min(0).max(100).default(60),
  'lifecycle.onboarding_days': z.number().int().min(0).default(60),
  'lifecycle.renewal_window_days': z.number().int().min(1).default(90),
  'lifecycle.stage_order': z
    .preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z
        .array(z.enum(['churned', 'trial', 'onboarding', 'at_risk', 'renewal_due']))
        .refine((a) => new Set(a).size === a.length, 'each stage at most once'),
    )
    .default(['churned', 'trial', 'onboarding', 'at_risk', 'renewal_due']),
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
