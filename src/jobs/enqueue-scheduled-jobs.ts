import { sql } from 'kysely';
import type { TStore } from '../db/connect.ts';
import { jobSchedules, type TJobSchedule } from './registry.ts';

/**
 * Enqueues the current slot's job of every schedule for every workspace, with the key
 * `<jobName>@<slot start ISO>`: slots are aligned on the epoch (floor(now / every) × every), so every
 * worker computes the same key and two schedulers racing for a slot create one job. The job is due at
 * the slot's start. Cheap to call on every pass: a slot already enqueued is a conflict, not a write.
 * Returns how many jobs were new.
 */
export async function enqueueScheduledJobs({
  store,
  now = new Date(),
  schedules = jobSchedules,
}: {
  store: TStore;
  now?: Date;
  /** Default: the registry's. */
  schedules?: TJobSchedule[];
}): Promise<{ enqueued: number }> {
  let enqueued = 0;
  for (const schedule of schedules) {
    const everyMs = schedule.everySeconds * 1000;
    const slotStart = new Date(Math.floor(now.getTime() / everyMs) * everyMs);
    const key = `${schedule.jobName}@${slotStart.toISOString()}`;
    // One statement for all workspaces, so a workspace created a moment ago is included as well.
    const result = await store.db
      .insertInto('jobs')
      .columns(['workspace_id', 'id', 'name', 'payload', 'run_at'])
      .expression((eb) =>
        eb
          .selectFrom('workspaces')
          .select([
            'workspace_id',
            sql<string>`${key}::text`.as('id'),
            sql<string>`${schedule.jobName}::text`.as('name'),
            sql<string>`'{}'::jsonb`.as('payload'),
            sql<Date>`${slotStart.toISOString()}::timestamptz`.as('run_at'),
          ]),
      )
      .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
      .executeTakeFirst();
    enqueued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return { enqueued };
}
