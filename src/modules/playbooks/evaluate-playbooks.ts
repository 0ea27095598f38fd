import type { TDb } from '../../db/connect.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { findEligibleAccountIds } from './find-eligible-account-ids.ts';
import { findTriggerMatches, type TTriggerMatch } from './find-trigger-matches.ts';
import type { TPlaybookDefinition } from './playbook-definition.ts';
import {
  EVALUATION_OVERLAP_MS,
  enrollmentIdOf,
  FIRST_EVALUATION_LOOKBACK_MS,
  STEP_JOB,
} from './playbook-shape.ts';

export type TPlaybookEvaluation = { playbook_id: string; matches: number; enrolled: number };

const DAY_MS = 86_400_000;

/**
 * One evaluation pass (the job `playbooks.evaluate`): for each enabled playbook, the trigger's matches in
 * (watermark, now], kept when the account meets the conditions and the enrollment rules (not already
 * enrolled for this occurrence; with `once_per_days`, no enrollment of the account in that many days),
 * are enrolled and their first step job enqueued, and the watermark moves to `now` (each pass re-reads
 * EVALUATION_OVERLAP_MS before it), all in one
 * transaction per playbook. The enrollment id is derived from playbook and occurrence and inserted with
 * `on conflict do nothing`, so two evaluations racing over the same window enroll once.
 */
export async function evaluatePlaybooks({
  db,
  workspaceId,
  now,
  playbookIds,
}: {
  db: TDb;
  workspaceId: string;
  now: Date;
  /** Only these playbooks (default: every enabled one). */
  playbookIds?: string[];
}): Promise<{ playbooks: TPlaybookEvaluation[] }> {
  const rows = await db
    .selectFrom('playbooks as p')
    .leftJoin('playbook_watermarks as w', (join) =>
      join.onRef('w.workspace_id', '=', 'p.workspace_id').onRef('w.playbook_id', '=', 'p.id'),
    )
    .select(['p.id', 'p.version', 'p.definition', 'p.created_at', 'w.evaluated_until', 'w.active_from'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.is_enabled', '=', true)
    .$if(playbookIds !== undefined, (qb) => qb.where('p.id', 'in', playbookIds!))
    .orderBy('p.id')
    .execute();
  const results: TPlaybookEvaluation[] = [];
  for (const row of rows) {
    const watermark =
      row.evaluated_until ?? new Date(row.created_at.getTime() - FIRST_EVALUATION_LOOKBACK_MS);
    if (watermark >= now) continue;
    // Re-read the overlap for rows that arrive late (an import of yesterday's answers), but never before
    // the playbook became active: creating or enabling one must not enroll history.
    const floor = row.active_from ?? watermark;
    const since = new Date(Math.max(watermark.getTime() - EVALUATION_OVERLAP_MS, floor.getTime()));
    const definition = row.definition as TPlaybookDefinition;
    const matches = await findTriggerMatches({ db, workspaceId, trigger: definition.trigger, since, now });
    const eligible = await findEligibleAccountIds({
      db,
      workspaceId,
      accountIds: [...new Set(matches.map((m) => m.accountId))],
      conditions: definition.conditions,
      now,
    });
    const enrolled = await db.transaction().execute(async (trx) => {
      let count = 0;
      for (const match of matches) {
        if (!eligible.has(match.accountId)) continue;
        const playbook = { id: row.id, version: row.version, definition };
        if (await enrollAccount({ db: trx, workspaceId, playbook, match, now })) count++;
      }
      await trx
        .insertInto('playbook_watermarks')
        .values({ workspace_id: workspaceId, playbook_id: row.id, evaluated_until: now, active_from: floor })
        .onConflict((oc) => oc.columns(['workspace_id', 'playbook_id']).doUpdateSet({ evaluated_until: now }))
        .execute();
      return count;
    });
    results.push({ playbook_id: row.id, matches: matches.length, enrolled });
  }
  return { playbooks: results };
}

/** Enrolls one account for one occurrence unless the enrollment rules say no; true when it did. */
async function enrollAccount({
  db,
  workspaceId,
  playbook,
  match,
  now,
}: {
  db: TDb;
  workspaceId: string;
  playbook: { id: string; version: number; definition: TPlaybookDefinition };
  match: TTriggerMatch;
  now: Date;
}): Promise<boolean> {
  const oncePerDays = playbook.definition.enrollment?.once_per_days;
  if (oncePerDays !== undefined) {
    const recent = await db
      .selectFrom('playbook_enrollments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('playbook_id', '=', playbook.id)
      .where('account_id', '=', match.accountId)
      .where('enrolled_at', '>', new Date(now.getTime() - oncePerDays * DAY_MS))
      .executeTakeFirst();
    if (recent) return false;
  }
  const id = enrollmentIdOf(playbook.id, match.occurrenceKey);
  const firstStep = playbook.definition.steps[0]!.id;
  const inserted = await db
    .insertInto('playbook_enrollments')
    .values({
      workspace_id: workspaceId,
      id,
      playbook_id: playbook.id,
      playbook_version: playbook.version,
      account_id: match.accountId,
      occurrence_key: match.occurrenceKey,
      next_step_id: firstStep,
      context: JSON.stringify({ ...match.context, occurred_at: match.occurredAt.toISOString() }),
      enrolled_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'playbook_id', 'occurrence_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db
    .insertInto('playbook_enrollment_log')
    .values({
      workspace_id: workspaceId,
      enrollment_id: id,
      seq: 1,
      at: now,
      step_id: null,
      step_type: null,
      outcome: 'enrolled',
      detail: JSON.stringify({
        occurrence_key: match.occurrenceKey,
        occurred_at: match.occurredAt.toISOString(),
      }),
    })
    .execute();
  await enqueueJob(db, {
    workspaceId,
    name: STEP_JOB,
    payload: { enrollment_id: id, step_id: firstStep, n: 0 },
    key: `${STEP_JOB}:${id}:${firstStep}:0`,
    runAt: now,
  });
  return true;
}
