import type { Selectable } from 'kysely';
import type { HealthScorecardsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TAppliesTo } from './scorecard-input.ts';
import { type TScorecardDefinition, ZScorecardDefinition } from './scorecard-schema.ts';

/** One version of a scorecard, as the API and the CLI show it. */
export type TScorecard = {
  id: string;
  version: number;
  name: string;
  is_default: boolean;
  applies_to: TAppliesTo | null;
  definition: TScorecardDefinition;
  created_at: string;
};

/**
 * A stored row to its public shape. The jsonb column holds `{ ...definition, applies_to }` (one document,
 * so a version is one immutable value); the definition is parsed again so defaults of newer schema
 * versions apply to old rows.
 */
export function toScorecard(row: Selectable<HealthScorecardsTable>): TScorecard {
  const stored = row.definition as Record<string, unknown>;
  const parsed = ZScorecardDefinition.safeParse(stored);
  if (!parsed.success) {
    throw new AppError('internal', `stored scorecard ${row.id} v${row.version} no longer validates`);
  }
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    is_default: row.is_default,
    applies_to: (stored.applies_to as TAppliesTo | undefined) ?? null,
    definition: parsed.data,
    created_at: row.created_at.toISOString(),
  };
}

/** The jsonb document stored for a definition. */
export function toStoredDefinition(definition: TScorecardDefinition, appliesTo: TAppliesTo | null) {
  return JSON.stringify(appliesTo ? { ...definition, applies_to: appliesTo } : definition);
}
