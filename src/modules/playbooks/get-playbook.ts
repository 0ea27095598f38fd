import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type TPlaybook, toPlaybook } from './playbook-shape.ts';

/** One playbook of this workspace; another workspace's is `not_found` like a missing one. */
export async function getPlaybook({
  db,
  workspaceId,
  playbookId,
}: {
  db: TDb;
  workspaceId: string;
  playbookId: string;
}): Promise<TPlaybook> {
  const row = await db
    .selectFrom('playbooks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', playbookId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no playbook "${playbookId}" in this workspace`);
  return toPlaybook(row);
}
