import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { type TScorecardDefinition, ZScorecardDefinition } from './scorecard-schema.ts';

/** Which accounts a scorecard is for (issue 3 item 5: "a scorecard per segment or lifecycle stage"). */
export const ZAppliesTo = z
  .strictObject({
    segment_id: z.string().min(1).max(200).optional(),
    stage: z.string().min(1).max(100).optional(),
  })
  .refine((a) => a.segment_id !== undefined || a.stage !== undefined, {
    message: 'name a segment_id, a stage or both (omit applies_to for a scorecard that applies to none)',
  });
export type TAppliesTo = z.infer<typeof ZAppliesTo>;

export const ZScorecardId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, "_" and "-" only (at most 64)');

/** The fields a scorecard document carries beside its definition (the file of `health scorecards apply`). */
const ZScorecardMeta = z.object({
  id: ZScorecardId.optional(),
  applies_to: ZAppliesTo.nullable().optional(),
});

export type TScorecardInput = {
  id?: string;
  appliesTo: TAppliesTo | null;
  definition: TScorecardDefinition;
};

/**
 * Validates a scorecard document `{ id?, applies_to?, ...definition }`. Every problem is reported at once,
 * each with its JSON path (`measures.2.rule.best: …`), as an `invalid_input` error.
 */
export function parseScorecardInput(raw: unknown): TScorecardInput {
  const meta = ZScorecardMeta.safeParse(raw);
  const definition = ZScorecardDefinition.safeParse(raw);
  if (meta.success && definition.success) {
    return { id: meta.data.id, appliesTo: meta.data.applies_to ?? null, definition: definition.data };
  }
  const issues = [...(meta.error?.issues ?? []), ...(definition.error?.issues ?? [])];
  const message = issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new AppError('invalid_input', `invalid scorecard: ${message}`, {
    issues: issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
}
