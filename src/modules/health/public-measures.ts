import type { TMeasureScore } from './score-account.ts';
import type { TStoredExplanation } from './store-health-scores.ts';

export type TPublicMeasure = TMeasureScore & { id: string; missing: boolean };

/** Stored measures with the `id` / `missing` names of shared/spec/cli.md (`tenure health --format json`). */
export function toPublicMeasures(stored: unknown): TPublicMeasure[] {
  const { measures } = stored as TStoredExplanation;
  return measures.map((m) => ({ id: m.key, ...m, missing: !m.has_data }));
}

export function toExplanation(stored: unknown): TStoredExplanation {
  return stored as TStoredExplanation;
}
