import type { TDb } from '../../db/connect.ts';
import { getPlaybook } from './get-playbook.ts';
import { FIRST_EVALUATION_LOOKBACK_MS, type TPlaybook } from './playbook-shape.ts';

/**
 * Enables or disables a playbook. Enabling moves its watermark up to now minus the lookback, so the time
 * it spent disabled is not replayed; disabling makes running enrollments exit at their next step.
 */
export async function setPlaybookEnabled({
  db,
  workspaceId,
  playbookId,
  isEnabled,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  playbookId: string;
  isEnabled: boolean;
  now?: Date;
}): Promise<TPlaybook> {
  const current = await getPlaybook({ db, workspaceId, playbookId });
  if (current.is_enabled === isEnabled) return current;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('playbooks')
      .set({ is_enabled: isEnabled, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', playbookId)
      .execute();
    if (!isEnabled) return;
    const floor = new Date(now.getTime() - FIRST_EVALUATION_LOOKBACK_MS);
    await trx
      .insertInto('playbook_watermarks')
      .values({
        workspace_id: workspaceId,
        playbook_id: playbookId,
        evaluated_until: floor,
        active_from: floor,
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'playbook_id'])
          .doUpdateSet({ evaluated_until: floor, active_from: floor })
          .where('playbook_watermarks.evaluated_until', '<', floor),
      )
      .execute();
  });
  return getPlaybook({ db, workspaceId, playbookId });
}
