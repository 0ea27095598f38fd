import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { createPlaybook } from './create-playbook.ts';
import type { TPlaybook } from './playbook-shape.ts';
import { PLAYBOOK_TEMPLATES } from './templates/playbook-templates.ts';

/**
 * A playbook made from a built-in template (disabled unless `isEnabled`: review it, dry-run it, then
 * enable it). `name` and `trigger` override the template's (e.g. another event for the automation
 * suggestion, another offset for a renewal reminder); the result is validated like any definition.
 */
export async function createPlaybookFromTemplate({
  db,
  workspaceId,
  templateId,
  id,
  name,
  trigger,
  language = 'en',
  isEnabled,
  now,
}: {
  db: TDb;
  workspaceId: string;
  templateId: string;
  id?: string;
  name?: string;
  trigger?: unknown;
  language?: 'en' | 'es';
  isEnabled?: boolean;
  now?: Date;
}): Promise<TPlaybook> {
  const template = PLAYBOOK_TEMPLATES.find((t) => t.id === templateId);
  if (!template) {
    const known = PLAYBOOK_TEMPLATES.map((t) => t.id).join(', ');
    throw new AppError('not_found', `no playbook template "${templateId}" (known: ${known})`);
  }
  const definition = {
    ...template.definition,
    name: name ?? template.name[language],
    description: template.description[language],
    ...(trigger === undefined ? {} : { trigger }),
  };
  return createPlaybook({
    db,
    workspaceId,
    id: id ?? template.id.replace(/_/g, '-'),
    definition,
    templateId: template.id,
    isEnabled,
    now,
  });
}
