import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TTrigger } from './trigger-schema.ts';

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

/** Occurrences of `trigger` in (`since`, `now`]; state triggers report accounts for which it holds at `now`. Contract stub. */
export async function findTriggerMatches(_input: {
  db: Kysely<Database>;
  workspaceId: string;
  trigger: TTrigger;
  since: Date;
  now: Date;
}): Promise<TTriggerMatch[]> {
  throw new Error('findTriggerMatches: not implemented yet');
}

/** Whether `trigger` still holds for the account at `now` (for "exit when the trigger no longer holds"). Contract stub. */
export async function isTriggerHolding(_input: {
  db: Kysely<Database>;
  workspaceId: string;
  trigger: TTrigger;
  accountId: string;
  now: Date;
}): Promise<boolean> {
  throw new Error('isTriggerHolding: not implemented yet');
}
