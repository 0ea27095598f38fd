import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from './is-unique-violation.ts';
import type { TAppliesTo } from './scorecard-input.ts';
import { type TScorecard, toScorecard, toStoredDefinition } from './scorecard-row.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

/**
 * Adds a new version of a scorecard; earlier versions stay, so every stored score still names the
 * definition that made it. Whether it is the default carries over from the latest version.
 */
export async function updateScorecard({
  db,
  workspaceId,
  id,
  definition,
  appliesTo = null,
}: {
  db: TDb;
  workspaceId: string;
  id: string;
  definition: TScorecardDefinition;
  appliesTo?: TAppliesTo | null;
}): Promise<TScorecard> {
  // One statement: the next version number is read and written together; two concurrent updates collide
  // on the primary key instead of one silently overwriting the other.
  const { rows } = await sql<{ version: number }>`
    insert into health_scorecards (workspace_id, id, version, name, definition, is_default)
    select workspace_id, id, version + 1, ${definition.name},
      ${toStoredDefinition(definition, appliesTo)}::jsonb, is_default
    from health_scorecards
    where workspace_id = ${workspaceId} and id = ${id}
    order by version desc
    limit 1
    returning version`
    .execute(db)
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('conflict', `scorecard "${id}" was changed at the same time: try again`);
    });
  const version = rows[0]?.version;
  if (version === undefined) throw new AppError('not_found', `no scorecard "${id}"`);
  const row = await db
    .selectFrom('health_scorecards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return toScorecard(row);
}
