import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { ZDunningPolicy } from './dunning-policy.ts';
import { findDunningPolicies } from './find-dunning-policies.ts';

/**
 * Replaces the workspace's policies with `policies` (validated; days sorted). Cases already open keep the
 * policy they opened with.
 */
export async function replaceDunningPolicies({
  db,
  workspaceId,
  policies,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  policies: unknown[];
  now?: Date;
}): Promise<ReturnType<typeof findDunningPolicies>> {
  const parsed = policies.map((policy, index) => {
    const result = ZDunningPolicy.safeParse(policy);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new AppError('invalid_input', `invalid policy ${index}: ${issues}`, result.error.issues);
    }
    return result.data;
  });
  const ids = new Set(parsed.map((p) => p.id));
  if (ids.size !== parsed.length) throw new AppError('invalid_input', 'policy ids must be unique');
  for (const p of parsed) {
    if (p.retry_days.length === 0) throw new AppError('invalid_input', `policy ${p.id}: retry_days is empty`);
  }
  await db.transaction().execute(async (trx) => {
    const segmentIds = parsed.flatMap((p) => (p.segment_id ? [p.segment_id] : []));
    if (segmentIds.length > 0) {
      const found = await trx
        .selectFrom('segments')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', segmentIds)
        .execute();
      const missing = segmentIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw new AppError('invalid_input', `unknown segment "${missing[0]}"`);
    }
    await trx.deleteFrom('dunning_policies').where('workspace_id', '=', workspaceId).execute();
    if (parsed.length === 0) return;
    await trx
      .insertInto('dunning_policies')
      .values(
        parsed.map((p) => ({
          workspace_id: workspaceId,
          ...p,
          retry_days: [...p.retry_days].sort((a, b) => a - b),
          notify_days: [...p.notify_days].sort((a, b) => a - b),
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  return findDunningPolicies({ db, workspaceId });
}
