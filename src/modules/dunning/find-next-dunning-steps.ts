import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { RETRY_JOB } from './enqueue-dunning-retry.ts';
import { FINAL_JOB } from './schedule-next-step.ts';

/** What a case does next, as scheduled in the job queue: a payment retry (its number) or the final action. */
export type TNextDunningStep = { kind: 'retry' | 'final_action'; at: string; attempt: number | null };

/**
 * The next scheduled step of each of these cases: its earliest queued (or running) retry or final-action
 * job. Read from the queue itself, so it stays right after a blocked case resumes on a new card, where
 * the policy's day numbers alone would mislead. A case with nothing scheduled (closed, or held until the
 * payment method changes) is absent from the map.
 */
export async function findNextDunningSteps({
  db,
  workspaceId,
  caseIds,
}: {
  db: TDb;
  workspaceId: string;
  caseIds: readonly string[];
}): Promise<Map<string, TNextDunningStep>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await sql<{ case_id: string; name: string; run_at: Date; attempt: number | null }>`
    select distinct on (payload->>'case_id')
      payload->>'case_id' as case_id, name, run_at, (payload->>'attempt')::int as attempt
    from jobs
    where workspace_id = ${workspaceId}
      and name in (${RETRY_JOB}, ${FINAL_JOB})
      and status in ('queued', 'running')
      and payload->>'case_id' = any(${caseIds}::text[])
    order by payload->>'case_id', run_at, name`.execute(db);
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        kind: r.name === RETRY_JOB ? 'retry' : 'final_action',
        at: new Date(r.run_at).toISOString(),
        attempt: r.name === RETRY_JOB ? r.attempt : null,
      },
    ]),
  );
}
