import { z } from 'zod';
import { parseMetric } from './measure-catalog.ts';

/**
 * A health scorecard as JSON (issue 3 item 5). Scoring rules turn a measure's value into 0..100:
 *
 * - `thresholds`: the first range with `min ≤ value < max` gives its score (an absent bound is open).
 *   A value in no range gets no score, as if it had no data (the result lists it in `missing`).
 * - `linear`: `worst` scores 0 and `best` scores 100, linearly in between; beyond them the line is
 *   extrapolated and the score clamped to 0..100. `worst > best` means lower is better (days overdue).
 * - `linear_bounded`: the same line, but from `floor` (at `worst`) to `ceiling` (at `best`), clamped to
 *   floor..ceiling (defaults 0 and 100). A measure that should only nudge the score uses a narrow range,
 *   e.g. floor 40 / ceiling 80: the worst account still gets 40 from it, the best no more than 80.
 */
const ZThreshold = z
  .object({
    min: z.number().optional(),
    max: z.number().optional(),
    score: z.number().min(0).max(100),
  })
  .refine((t) => t.min === undefined || t.max === undefined || t.min < t.max, {
    message: 'min must be less than max',
    path: ['max'],
  });

const ZRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thresholds'), thresholds: z.array(ZThreshold).min(1) }),
  z
    .object({ type: z.literal('linear'), worst: z.number(), best: z.number() })
    .refine((r) => r.worst !== r.best, { message: 'worst and best must differ', path: ['best'] }),
  z
    .object({
      type: z.literal('linear_bounded'),
      worst: z.number(),
      best: z.number(),
      floor: z.number().min(0).max(100).default(0),
      ceiling: z.number().min(0).max(100).default(100),
    })
    .refine((r) => r.worst !== r.best, { message: 'worst and best must differ', path: ['best'] })
    .refine((r) => r.floor < r.ceiling, { message: 'floor must be less than ceiling', path: ['ceiling'] }),
]);

const ZKey = z.string().regex(/^[a-z0-9_]{1,64}$/, 'lowercase letters, digits and _ only (at most 64)');

const ZMeasure = z.object({
  key: ZKey,
  label: z.string().min(1).max(200),
  metric: z.string().refine((metric) => parseMetric(metric) !== null, {
    message: 'unknown metric: use a catalog key, "attribute:<name>" or "event_count:<event>:<days>"',
  }),
  group: ZKey.optional(),
  weight: z.number().gt(0),
  rule: ZRule,
});

export const ZScorecardDefinition = z
  .object({
    name: z.string().min(1).max(200),
    bands: z
      .object({
        red_below: z.number().min(0).max(100).default(40),
        green_from: z.number().min(0).max(100).default(70),
      })
      .refine((b) => b.red_below <= b.green_from, {
        message: 'red_below must not exceed green_from',
        path: ['green_from'],
      })
      .optional(),
    groups: z
      .array(z.object({ key: ZKey, label: z.string().min(1).max(200), weight: z.number().gt(0) }))
      .optional(),
    measures: z.array(ZMeasure).min(1).max(100),
  })
  .superRefine((definition, ctx) => {
    const seen = new Set<string>();
    definition.measures.forEach((measure, i) => {
      if (seen.has(measure.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'key'],
          message: `duplicate measure key "${measure.key}"`,
        });
      }
      seen.add(measure.key);
    });
    const groups = new Set<string>();
    (definition.groups ?? []).forEach((group, i) => {
      if (groups.has(group.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'key'],
          message: `duplicate group key "${group.key}"`,
        });
      } else if (!definition.measures.some((m) => m.group === group.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'key'],
          message: `group "${group.key}" has no measures`,
        });
      }
      groups.add(group.key);
    });
    definition.measures.forEach((measure, i) => {
      if (measure.group !== undefined && !groups.has(measure.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'group'],
          message: `unknown group "${measure.group}"`,
        });
      }
    });
  });

export type TScorecardDefinition = z.infer<typeof ZScorecardDefinition>;
export type TScorecardMeasure = TScorecardDefinition['measures'][number];
export type TScoringRule = TScorecardMeasure['rule'];
/** A definition as written by a user, before defaults are filled in (what the API and files accept). */
export type TScorecardDefinitionInput = z.input<typeof ZScorecardDefinition>;
