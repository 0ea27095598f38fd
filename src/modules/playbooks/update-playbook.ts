import type { TDb } from '../../db/connect.ts';
import { getPlaybook } from './get-playbook.ts';
import { parsePlaybookDefinition } from './playbook-definition.ts';
import type { TPlaybook } from './playbook-shape.ts';

/**
 * Replaces a playbook's definition (validated) and bumps its version. Enrollments under way go on with
 * the new definition from the step they are at (by id); one whose step no longer exists fails.
 */
export async function updatePlaybook({
  db,
  workspaceId,
  playbookId,
  definition: input,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  playbookId: string;
  definition: unknown;
  now?: Date;
}): Promise<TPlaybook> {
  const definition = parsePlaybookDefinition(input);
  await getPlaybook({ db, workspaceId, playbookId });
  await db
    .updateTable('playbooks')
    .set((eb) => ({
      name: definition.name,
      description: definition.description ?? null,
      definition: JSON.stringify(definition),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', playbookId)
    .execute();
  return getPlaybook({ db, workspaceId, playbookId });
}
