import { scoreRule } from './score-rule.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

export type THealthBand = 'red' | 'yellow' | 'green';

export type TMeasureScore = {
  key: string;
  label: string;
  metric: string;
  group: string | null;
  value: number | null;
  /** 0..100, 1 decimal; null when the measure has no data (or a threshold rule has no range for it). */
  score: number | null;
  weight: number;
  /** Share of the account's score after redistribution (6 decimals); the shares of measures with data sum to 1. */
  effective_weight: number;
  /** Points this measure adds to the score (1 decimal); the contributions add up to the score exactly. */
  contribution: number;
  has_data: boolean;
};

export type TAccountScore = {
  /** 0..100, 1 decimal. */
  score: number;
  band: THealthBand;
  measures: TMeasureScore[];
  /** Keys of measures without a score. */
  missing: string[];
  redistributed: boolean;
  note?: string;
};

/**
 * The weighted mean of the measures that have data (shared/spec/metrics.md "Health"). A measure in a group
 * gets the group's weight split by the measures' weights; a measure without a group stands alone with its
 * own weight. Weight of measures without data goes to the other measures of their group, and that of a
 * group without any data to the other groups and lone measures. Null when no measure has data: there is
 * nothing to score and nothing is stored.
 */
export function scoreAccount(
  definition: TScorecardDefinition,
  values: Record<string, number | null | undefined>,
): TAccountScore | null {
  const scored = definition.measures.map((measure) => {
    const value = values[measure.metric] ?? null;
    return { measure, value, raw: scoreRule(measure.rule, value) };
  });
  const withData = scored.filter((s) => s.raw !== null);
  if (withData.length === 0) return null;

  // Top-level items: each group, and each measure without a group.
  const itemOf = (group: string | undefined, key: string) =>
    group === undefined ? `m:${key}` : `g:${group}`;
  const itemWeight = new Map<string, number>();
  for (const group of definition.groups ?? []) itemWeight.set(`g:${group.key}`, group.weight);
  const itemDataWeight = new Map<string, number>();
  for (const { measure } of withData) {
    const item = itemOf(measure.group, measure.key);
    if (measure.group === undefined) itemWeight.set(item, measure.weight);
    itemDataWeight.set(item, (itemDataWeight.get(item) ?? 0) + measure.weight);
  }
  let liveItemsWeight = 0;
  for (const item of itemDataWeight.keys()) liveItemsWeight += itemWeight.get(item)!;

  const effective = scored.map(({ measure, raw }) => {
    if (raw === null) return 0;
    const item = itemOf(measure.group, measure.key);
    return (itemWeight.get(item)! / liveItemsWeight) * (measure.weight / itemDataWeight.get(item)!);
  });
  const contributions = roundToTotal(scored.map((s, i) => (s.raw ?? 0) * effective[i]!));
  const score = round(
    contributions.reduce((sum, c) => sum + c, 0),
    1,
  );
  const bands = definition.bands ?? { red_below: 40, green_from: 70 };
  const missing = scored.filter((s) => s.raw === null).map((s) => s.measure.key);
  const result: TAccountScore = {
    score,
    band: score < bands.red_below ? 'red' : score >= bands.green_from ? 'green' : 'yellow',
    measures: scored.map(({ measure, value, raw }, i) => ({
      key: measure.key,
      label: measure.label,
      metric: measure.metric,
      group: measure.group ?? null,
      value,
      score: raw === null ? null : round(raw, 1),
      weight: measure.weight,
      effective_weight: round(effective[i]!, 6),
      contribution: contributions[i]!,
      has_data: value !== null,
    })),
    missing,
    redistributed: missing.length > 0,
  };
  if (missing.length > 0) {
    const total = definition.measures.length;
    result.note = `${missing.length} of ${total} measure${total === 1 ? '' : 's'} had no data (${missing.join(', ')}); their weight was shared by the others`;
  }
  return result;
}

/**
 * Rounds each value to 1 decimal so that the rounded values add up exactly to the rounded total (largest
 * remainder): an explanation whose contributions do not add up to the score would not be trusted.
 */
function roundToTotal(values: number[]): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map((t) => Math.floor(t + 1e-9));
  let left = Math.round(tenths.reduce((sum, t) => sum + t, 0)) - floors.reduce((sum, f) => sum + f, 0);
  const order = tenths
    .map((t, i) => ({ i, rest: t - floors[i]! }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left--;
  }
  return floors.map((f) => f / 10);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
