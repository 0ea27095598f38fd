import { z } from 'zod';

const ZBand = z.enum(['red', 'yellow', 'green']);

/** What enrolls an account in a playbook (issue 4). Contract: the triggers area implements each kind. */
export const ZTrigger = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('health_band_changed'),
    from: z.array(ZBand).optional(),
    to: z.array(ZBand).optional(),
  }),
  z.object({
    kind: z.literal('health_dropped'),
    points: z.number().positive(),
    days: z.number().int().positive().default(7),
  }),
  z.object({ kind: z.literal('segment_entered'), segment_id: z.string().min(1) }),
  z.object({ kind: z.literal('segment_left'), segment_id: z.string().min(1) }),
  z.object({
    kind: z.literal('stage_changed'),
    from: z.array(z.string()).optional(),
    to: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal('survey_answered'),
    survey: z.string().default('nps'),
    category: z.enum(['detractor', 'passive', 'promoter']),
  }),
  z.object({ kind: z.literal('payment_failed'), decline: z.enum(['hard', 'soft', 'any']).default('any') }),
  z.object({ kind: z.literal('card_expiring'), days: z.number().int().positive().default(30) }),
  z.object({ kind: z.literal('renewal_due'), days: z.number().int().positive() }),
  z.object({
    kind: z.literal('usage_pattern'),
    event: z.string().min(1),
    min_count: z.number().int().positive(),
    days: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('inactive'), days: z.number().int().positive() }),
  z.object({ kind: z.literal('account_churned') }),
  z.object({ kind: z.literal('cancelled'), reasons: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('custom_event'), event: z.string().min(1) }),
]);
export type TTrigger = z.infer<typeof ZTrigger>;
export type TTriggerKind = TTrigger['kind'];
