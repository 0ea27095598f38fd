import { z } from 'zod';

/** A dunning policy as stored, served and snapshotted on each case (snake_case: it is public JSON). */
export const ZDunningPolicy = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)'),
  name: z.string().min(1).max(200),
  /** Applies to accounts of this tier only (null: any). */
  tier: z.enum(['vip', 'core', 'non_core', 'potential']).nullable().default(null),
  /** Applies to members of this segment only (null: any). */
  segment_id: z.string().nullable().default(null),
  /** Lower first: the first policy whose tier and segment match the account applies. */
  priority: z.number().int().default(100),
  /** Days after the case opened on which attempt 1, 2, … run. */
  retry_days: z.array(z.number().int().min(0).max(365)).max(30).default([1, 2, 3, 5, 7, 9, 11, 14]),
  /** Days after the case opened on which the billing contact is emailed (the last one is the final notice). */
  notify_days: z.array(z.number().int().min(0).max(365)).max(30).default([0, 3, 7, 14]),
  /** Create a CSM task at once and hold the first email back `task_days_before_email` days. */
  csm_task_first: z.boolean().default(false),
  task_days_before_email: z.number().int().min(0).max(60).default(2),
  /** Days after the last failed attempt before the final action runs. */
  grace_days: z.number().int().min(0).max(365).default(7),
  final_action: z.enum(['leave_past_due', 'cancel', 'webhook']).default('leave_past_due'),
});
export type TDunningPolicy = z.infer<typeof ZDunningPolicy>;

/**
 * The policy when none of the workspace's matches: 8 attempts over 14 days, emails on days 0, 3, 7 and 14,
 * 7 days' grace, then the subscription is left past due; VIP accounts get a CSM task before any email.
 */
export function defaultDunningPolicy(tier: string | null): TDunningPolicy {
  return ZDunningPolicy.parse({ id: 'default', name: 'Default', csm_task_first: tier === 'vip' });
}
