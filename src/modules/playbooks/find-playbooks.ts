import type { TDb } from '../../db/connect.ts';
import { type TPlaybook, toPlaybook } from './playbook-shape.ts';

/** Every playbook of the workspace by name (`isEnabled` to list only the enabled ones). */
export async function findPlaybooks({
  db,
  workspaceId,
  isEnabled,
}: {
  db: TDb;
  workspaceId: string;
  isEnabled?: boolean;
}): Promise<{ playbooks: TPlaybook[] }> {
  const rows = await db
    .selectFrom('playbooks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(isEnabled !== undefined, (qb) => qb.where('is_enabled', '=', isEnabled!))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return { playbooks: rows.map(toPlaybook) };
}
