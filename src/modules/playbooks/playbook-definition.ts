import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { TIERS } from '../segments/filter-fields.ts';
import { parseFilter } from '../segments/parse-filter.ts';
import { ZTrigger } from './trigger-schema.ts';

const ZStepId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "." and "-"');
const ZFilterText = z.string().min(1).max(4000);

const step = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.strictObject({ id: ZStepId, type: z.literal(type), ...shape });

export const ZPlaybookStep = z.discriminatedUnion('type', [
  step('send_email', { template_id: z.string().min(1), to: z.enum(['billing', 'any']).default('any') }),
  step('create_task', {
    title: z.string().min(1).max(500),
    description: z.string().max(5000).optional(),
    /** `account_owner` (the default) or an email address. */
    owner: z.union([z.literal('account_owner'), z.email()]).default('account_owner'),
    due_in_days: z.number().int().min(0).max(3650).default(0),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  }),
  step('webhook', { endpoint_id: z.string().min(1).optional(), event_type: z.string().min(1).optional() }),
  step('set_attribute', {
    name: z.string().min(1).max(100),
    value: z.union([z.string(), z.number(), z.boolean()]),
  }),
  step('set_stage', { stage: z.string().min(1).max(100) }),
  step('add_tag', { tag: z.string().min(1).max(100) }),
  step('remove_tag', { tag: z.string().min(1).max(100) }),
  step('wait', { days: z.number().int().min(1).max(3650) }),
  // biome-ignore lint/suspicious/noThenProperty: `then` is the public JSON name of a branch's target (issue 4)
  step('branch', { if: ZFilterText, then: ZStepId, else: ZStepId.optional() }),
  step('end', {}),
]);
export type TPlaybookStep = z.infer<typeof ZPlaybookStep>;
export type TPlaybookStepType = TPlaybookStep['type'];

export const ZPlaybookDefinition = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    trigger: ZTrigger,
    conditions: z
      .strictObject({
        segment_id: z.string().min(1).optional(),
        tiers: z.array(z.enum(TIERS)).min(1).optional(),
        stages: z.array(z.string().min(1)).min(1).optional(),
        filter: ZFilterText.optional(),
        /** Accounts with an active subscription billed by this interval (plans.interval_unit). */
        billing_interval: z.enum(['month', 'year']).optional(),
        /** Customers for at most this many days (since their first `new` MRR movement). */
        max_tenure_days: z.number().int().min(1).max(36500).optional(),
      })
      .optional(),
    enrollment: z
      .strictObject({
        /** At most one enrollment per account in this many days; absent: once per trigger occurrence. */
        once_per_days: z.number().int().min(1).max(3650).optional(),
        exit_when_trigger_stops: z.boolean().default(false),
      })
      .optional(),
    steps: z.array(ZPlaybookStep).min(1).max(100),
  })
  .superRefine((definition, ctx) => {
    const ids = new Set<string>();
    definition.steps.forEach((s, index) => {
      if (ids.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `duplicate step id "${s.id}"`,
        });
      ids.add(s.id);
    });
    definition.steps.forEach((s, index) => {
      if (s.type !== 'branch') return;
      for (const side of ['then', 'else'] as const) {
        const target = s[side];
        if (target !== undefined && !ids.has(target)) {
          ctx.addIssue({ code: 'custom', path: ['steps', index, side], message: `no step "${target}"` });
        }
      }
      checkFilter(s.if, ['steps', index, 'if'], ctx);
    });
    if (definition.conditions?.filter)
      checkFilter(definition.conditions.filter, ['conditions', 'filter'], ctx);
  });
export type TPlaybookDefinition = z.infer<typeof ZPlaybookDefinition>;

function checkFilter(filter: string, path: (string | number)[], ctx: z.RefinementCtx): void {
  try {
    parseFilter(filter);
  } catch (error) {
    ctx.addIssue({ code: 'custom', path, message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * A playbook definition, validated: a failure is `invalid_input` whose message names the path of every
 * bad field (`steps.2.then: no step "x"`), with zod's issues as details.
 */
export function parsePlaybookDefinition(input: unknown): TPlaybookDefinition {
  const parsed = ZPlaybookDefinition.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('invalid_input', `invalid playbook: ${message}`, { issues });
}
