import type { Selectable } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { DunningCasesTable } from '../../db/schema-dunning.ts';
import { type TDunningPolicy, ZDunningPolicy } from './dunning-policy.ts';

export type TDunningCaseRow = Omit<Selectable<DunningCasesTable>, 'policy'> & { policy: TDunningPolicy };

/** One case with its policy snapshot parsed, or null (`forUpdate` locks it inside a transaction). */
export async function loadDunningCase({
  db,
  workspaceId,
  caseId,
  forUpdate = false,
}: {
  db: TDb;
  workspaceId: string;
  caseId: string;
  forUpdate?: boolean;
}): Promise<TDunningCaseRow | null> {
  let query = db
    .selectFrom('dunning_cases')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', caseId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const policy = typeof row.policy === 'string' ? JSON.parse(row.policy) : row.policy;
  return { ...row, policy: ZDunningPolicy.parse(policy) };
}
