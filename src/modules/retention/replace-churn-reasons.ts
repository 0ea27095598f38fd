import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findChurnReasons, type TChurnReason } from './find-churn-reasons.ts';

const ZReason = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lowercase letters, digits and _, starting with a letter'),
  label_en: z.string().trim().min(1).max(100),
  label_es: z.string().trim().min(1).max(100),
  is_active: z.boolean().default(true),
});
export type TChurnReasonInput = z.input<typeof ZReason>;

/**
 * Replaces the workspace's churn reasons with `reasons`, in that order (position = index). A retired
 * reason is better kept with `is_active: false` than removed: past cancellations still name it, and the
 * report labels it from here. `unspecified` is reserved for churns without a reason.
 */
export async function replaceChurnReasons({
  db,
  workspaceId,
  reasons,
}: {
  db: TDb;
  workspaceId: string;
  reasons: TChurnReasonInput[];
}): Promise<{ is_default: boolean; reasons: TChurnReason[] }> {
  const parsed = z.array(ZReason).min(1).max(100).safeParse(reasons);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      field: `reasons.${i.path.join('.')}`,
      message: i.message,
    }));
    throw new AppError('invalid_input', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  const codes = parsed.data.map((r) => r.code);
  const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
  if (duplicate) throw new AppError('invalid_input', `reasons: "${duplicate}" appears twice`);
  if (codes.includes('unspecified')) {
    throw new AppError('invalid_input', 'reasons: "unspecified" is reserved for churns without a reason');
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('churn_reasons').where('workspace_id', '=', workspaceId).execute();
    await trx
      .insertInto('churn_reasons')
      .values(parsed.data.map((r, position) => ({ workspace_id: workspaceId, ...r, position })))
      .execute();
  });
  return findChurnReasons({ db, workspaceId });
}
