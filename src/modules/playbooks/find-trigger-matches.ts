import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { resolveTriggerClock } from './trigger-clock.ts';
import { isEventTriggerHolding } from './trigger-holding.ts';
import { findLifecycleTriggerMatches } from './trigger-lifecycle-matches.ts';
import { findPaymentTriggerMatches } from './trigger-payment-matches.ts';
import { findRecordTriggerMatches } from './trigger-record-matches.ts';
import type { TTrigger } from './trigger-schema.ts';
import { findStateTriggerMatches, type TStateTrigger } from './trigger-state-matches.ts';
import { findSurveyTriggerMatches } from './trigger-survey-matches.ts';

/**
 * One occurrence of a trigger for one account. The same real-world occurrence always yields the same
 * `occurrenceKey` (e.g. the lifecycle event's id, the payment's id, `renewal:<sub>:<date>`), so an
 * evaluation that runs twice never enrolls twice.
 */
export type TTriggerMatch = {
  accountId: string;
  occurrenceKey: string;
  occurredAt: Date;
  /** Facts a step may interpolate or branch on (e.g. `{ score: 4, survey: 'nps' }`). */
  context: Record<string, unknown>;
};

const STATE_KINDS: ReadonlySet<TTrigger['kind']> = new Set([
  'health_dropped',
  'card_expiring',
  'renewal_due',
  'usage_pattern',
  'inactive',
]);

/** State triggers hold for an account at an instant; the others are occurrences in a window. */
export function isStateTrigger(trigger: TTrigger): trigger is TStateTrigger {
  return STATE_KINDS.has(trigger.kind);
}

/**
 * Occurrences of `trigger` in (`since`, `now`]; state triggers report accounts for which it holds at `now`
 * (`since` ignored). Accounts must exist in the workspace; state triggers match customers only. Each kind's
 * file documents its rule and key.
 */
export async function findTriggerMatches({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: {
  db: Kysely<Database>;
  workspaceId: string;
  trigger: TTrigger;
  since: Date;
  now: Date;
}): Promise<TTriggerMatch[]> {
  if (isStateTrigger(trigger)) {
    const clock = await resolveTriggerClock({ db, workspaceId, now });
    return findStateTriggerMatches({ db, workspaceId, trigger, now, clock });
  }
  const window = { db, workspaceId, since, now };
  switch (trigger.kind) {
    case 'health_band_changed':
    case 'stage_changed':
    case 'segment_entered':
    case 'segment_left':
      return findLifecycleTriggerMatches({ ...window, trigger });
    case 'survey_answered':
      return findSurveyTriggerMatches({ ...window, trigger });
    case 'payment_failed':
      return findPaymentTriggerMatches({ ...window, trigger });
    default: {
      const { workspace } = await resolveTriggerClock({ db, workspaceId, now });
      return findRecordTriggerMatches({ ...window, trigger, timezone: workspace.timezone });
    }
  }
}

/**
 * Whether `trigger` still holds for the account at `now` (for "exit when the trigger no longer holds"):
 * a state trigger re-checks its condition; an event trigger checks the state it led to (trigger-holding.ts).
 * `context` is the match's context, when known (payment_failed then checks that very invoice).
 */
export async function isTriggerHolding({
  db,
  workspaceId,
  trigger,
  accountId,
  now,
  context,
}: {
  db: Kysely<Database>;
  workspaceId: string;
  trigger: TTrigger;
  accountId: string;
  now: Date;
  context?: Record<string, unknown>;
}): Promise<boolean> {
  const clock = await resolveTriggerClock({ db, workspaceId, now });
  if (isStateTrigger(trigger)) {
    const matches = await findStateTriggerMatches({ db, workspaceId, trigger, now, clock, accountId });
    return matches.length > 0;
  }
  return isEventTriggerHolding({ db, workspaceId, trigger, accountId, clock, context });
}
