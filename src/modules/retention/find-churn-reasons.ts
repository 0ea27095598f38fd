import type { TDb } from '../../db/connect.ts';
import { DEFAULT_CHURN_REASONS } from './default-churn-reasons.ts';

export type TChurnReason = {
  code: string;
  label_en: string;
  label_es: string;
  is_active: boolean;
  position: number;
};

/**
 * The workspace's churn reasons in display order; the defaults (all active) while it has saved none, so
 * that forms and reports work on day one without writing anything.
 */
export async function findChurnReasons({
  db,
  workspaceId,
  isActiveOnly = false,
}: {
  db: TDb;
  workspaceId: string;
  isActiveOnly?: boolean;
}): Promise<{ is_default: boolean; reasons: TChurnReason[] }> {
  const rows = await db
    .selectFrom('churn_reasons')
    .select(['code', 'label_en', 'label_es', 'is_active', 'position'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('code')
    .execute();
  const reasons =
    rows.length > 0
      ? rows
      : DEFAULT_CHURN_REASONS.map((r, position) => ({ ...r, is_active: true, position }));
  return {
    is_default: rows.length === 0,
    reasons: isActiveOnly ? reasons.filter((r) => r.is_active) : reasons,
  };
}
