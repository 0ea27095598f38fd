import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from './is-unique-violation.ts';
import type { TAppliesTo } from './scorecard-input.ts';
import { type TScorecard, toScorecard, toStoredDefinition } from './scorecard-row.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

/** Creates version 1 of a new scorecard; an id already in use is a conflict (update it instead). */
export async function createScorecard({
  db,
  workspaceId,
  id,
  definition,
  appliesTo = null,
  isDefault = false,
}: {
  db: TDb;
  workspaceId: string;
  id: string;
  definition: TScorecardDefinition;
  appliesTo?: TAppliesTo | null;
  isDefault?: boolean;
}): Promise<TScorecard> {
  const row = await db
    .insertInto('health_scorecards')
    .values({
      workspace_id: workspaceId,
      id,
      version: 1,
      name: definition.name,
      definition: toStoredDefinition(definition, appliesTo),
      is_default: isDefault,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('conflict', `scorecard "${id}" already exists: update it to make a new version`);
    });
  return toScorecard(row);
}
