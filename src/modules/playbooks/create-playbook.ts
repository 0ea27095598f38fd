import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getPlaybook } from './get-playbook.ts';
import { parsePlaybookDefinition } from './playbook-definition.ts';
import { FIRST_EVALUATION_LOOKBACK_MS, slugOf, type TPlaybook, ZPlaybookId } from './playbook-shape.ts';

export type TCreatePlaybook = {
  db: TDb;
  workspaceId: string;
  /** Default: a slug of the name. */
  id?: string;
  /** Validated here (parsePlaybookDefinition): a bad field is `invalid_input` naming its path. */
  definition: unknown;
  isEnabled?: boolean;
  templateId?: string | null;
  now?: Date;
};

/**
 * Saves a playbook (version 1) with its first watermark: the creation time minus
 * FIRST_EVALUATION_LOOKBACK_MS, so that its first evaluation does not enroll all of history.
 */
export async function createPlaybook(input: TCreatePlaybook): Promise<TPlaybook> {
  const { db, workspaceId } = input;
  const now = input.now ?? new Date();
  const definition = parsePlaybookDefinition(input.definition);
  const parsedId = ZPlaybookId.safeParse(input.id ?? slugOf(definition.name));
  if (!parsedId.success) throw new AppError('invalid_input', `id: ${parsedId.error.issues[0]!.message}`);
  const id = parsedId.data;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('playbooks')
      .values({
        workspace_id: workspaceId,
        id,
        name: definition.name,
        description: definition.description ?? null,
        template_id: input.templateId ?? null,
        is_enabled: input.isEnabled ?? false,
        definition: JSON.stringify(definition),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError(
        'conflict',
        `a playbook "${id}" already exists${input.id ? '' : ': give another id'}`,
      );
    }
    await trx
      .insertInto('playbook_watermarks')
      .values({
        workspace_id: workspaceId,
        playbook_id: id,
        evaluated_until: new Date(now.getTime() - FIRST_EVALUATION_LOOKBACK_MS),
        active_from: new Date(now.getTime() - FIRST_EVALUATION_LOOKBACK_MS),
      })
      .execute();
    return getPlaybook({ db: trx, workspaceId, playbookId: id });
  });
}
