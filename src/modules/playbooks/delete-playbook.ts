import type { TDb } from '../../db/connect.ts';
import { getPlaybook } from './get-playbook.ts';

/** Deletes a playbook with its enrollments and their logs (effects already done, e.g. tasks, stay). */
export async function deletePlaybook({
  db,
  workspaceId,
  playbookId,
}: {
  db: TDb;
  workspaceId: string;
  playbookId: string;
}): Promise<{ id: string; deleted: true }> {
  await getPlaybook({ db, workspaceId, playbookId });
  await db
    .deleteFrom('playbooks')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', playbookId)
    .execute();
  return { id: playbookId, deleted: true };
}
