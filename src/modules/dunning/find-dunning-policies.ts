import type { TDb } from '../../db/connect.ts';
import { defaultDunningPolicy, type TDunningPolicy } from './dunning-policy.ts';

/** The workspace's policies in the order they are tried, and the built-in default used when none matches. */
export async function findDunningPolicies({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<{ policies: TDunningPolicy[]; default: TDunningPolicy }> {
  const rows = await db
    .selectFrom('dunning_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('priority')
    .orderBy('id')
    .execute();
  const policies = rows.map((row) => ({
    id: row.id,
    name: row.name,
    tier: row.tier as TDunningPolicy['tier'],
    segment_id: row.segment_id,
    priority: row.priority,
    retry_days: row.retry_days,
    notify_days: row.notify_days,
    csm_task_first: row.csm_task_first,
    task_days_before_email: row.task_days_before_email,
    grace_days: row.grace_days,
    final_action: row.final_action,
  }));
  return { policies, default: defaultDunningPolicy(null) };
}
