import type { TDb, TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { findEligibleAccountIds } from './find-eligible-account-ids.ts';
import { isTriggerHolding } from './find-trigger-matches.ts';
import { performPlaybookStep, type TStepEnrollment } from './perform-playbook-step.ts';
import type { TPlaybookDefinition, TPlaybookStep } from './playbook-definition.ts';
import { STEP_JOB } from './playbook-shape.ts';

/** A branch loop without a wait would never end: past this many steps in one run the enrollment fails. */
const MAX_STEPS_PER_RUN = 100;
const DAY_MS = 86_400_000;

export type TRunEnrollmentResult = { status: string; steps: string[] };

/**
 * Runs an enrollment's steps from `next_step_id` (the job `playbooks.step`) until a wait, the end, or an
 * exit: when the playbook was disabled (`playbook_disabled`) or, with `exit_when_trigger_stops`, when the
 * trigger no longer holds (`trigger_stopped`). Each step's effect runs first (idempotent by its key), then
 * its log row and the move to the next step commit together, guarded by the step it moved from. So a
 * worker killed anywhere resumes, after its job's lease expires, at the step it had not finished, and
 * a duplicate job (same enrollment, already moved on) does nothing. A wait sets `resume_at` and enqueues
 * the next step job at that instant; a job that arrives before `resume_at` does nothing.
 *
 * `n` counts the waits passed, so every resumption has its own job key
 * (`playbooks.step:<enrollment>:<step>:<n>`) even when a branch loops back.
 */
export async function runEnrollment({
  store,
  workspaceId,
  enrollmentId,
  n = 0,
  now,
}: {
  store: TStore;
  workspaceId: string;
  enrollmentId: string;
  n?: number;
  now: Date;
}): Promise<TRunEnrollmentResult> {
  const { db } = store;
  const row = await db
    .selectFrom('playbook_enrollments as e')
    .innerJoin('playbooks as p', (join) =>
      join.onRef('p.workspace_id', '=', 'e.workspace_id').onRef('p.id', '=', 'e.playbook_id'),
    )
    .select([
      'e.id',
      'e.playbook_id',
      'e.account_id',
      'e.status',
      'e.next_step_id',
      'e.resume_at',
      'e.context',
    ])
    .select(['p.is_enabled', 'p.definition'])
    .where('e.workspace_id', '=', workspaceId)
    .where('e.id', '=', enrollmentId)
    .executeTakeFirst();
  if (row?.status !== 'active') return { status: row?.status ?? 'missing', steps: [] };
  if (row.resume_at && now.getTime() < row.resume_at.getTime()) return { status: 'waiting', steps: [] };
  const definition = row.definition as TPlaybookDefinition;
  const enrollment: TStepEnrollment = {
    id: row.id,
    playbookId: row.playbook_id,
    accountId: row.account_id,
    context: row.context,
  };
  const finish = (status: 'completed' | 'exited' | 'failed', reason: string | null, from: string | null) =>
    finishEnrollment({ db, workspaceId, enrollmentId, status, reason, from, now });

  if (!row.is_enabled) return finish('exited', 'playbook_disabled', row.next_step_id);
  if (definition.enrollment?.exit_when_trigger_stops) {
    const isHolding = await isTriggerHolding({
      db,
      workspaceId,
      trigger: definition.trigger,
      accountId: row.account_id,
      now,
      context: row.context,
    });
    if (!isHolding) return finish('exited', 'trigger_stopped', row.next_step_id);
  }

  const ran: string[] = [];
  let stepId = row.next_step_id;
  while (stepId !== null) {
    const index = definition.steps.findIndex((s) => s.id === stepId);
    if (index < 0) return finish('failed', `step "${stepId}" is no longer in the playbook`, stepId);
    if (ran.length >= MAX_STEPS_PER_RUN) {
      return finish('failed', `more than ${MAX_STEPS_PER_RUN} steps without a wait`, stepId);
    }
    const step = definition.steps[index]!;
    const following = definition.steps[index + 1]?.id ?? null;
    ran.push(step.id);
    const advance = (
      next: string | null,
      outcome: string,
      detail: Record<string, unknown>,
      resumeAt?: Date,
    ) => advanceEnrollment({ db, workspaceId, enrollmentId, step, next, outcome, detail, resumeAt, n, now });

    if (step.type === 'end') return finish('completed', null, step.id);
    if (step.type === 'wait') {
      const resumeAt = new Date(now.getTime() + step.days * DAY_MS);
      const isMine = await advance(following, 'waiting', { until: resumeAt.toISOString() }, resumeAt);
      return { status: isMine ? 'waiting' : 'superseded', steps: ran };
    }
    let next = following;
    let outcome = 'done';
    let detail: Record<string, unknown>;
    if (step.type === 'branch') {
      const matched = await findEligibleAccountIds({
        db,
        workspaceId,
        accountIds: [row.account_id],
        conditions: { filter: step.if },
        now,
      });
      const isTrue = matched.has(row.account_id);
      next = isTrue ? step.then : (step.else ?? following);
      outcome = isTrue ? 'then' : 'else';
      detail = { if: step.if, result: isTrue, next };
    } else {
      try {
        detail = await performPlaybookStep({ store, workspaceId, enrollment, step, now });
      } catch (error) {
        // A user-level problem (no such webhook endpoint, an invalid attribute) will not fix itself on
        // retry: the enrollment fails with the reason. Anything else is retried by the job.
        if (!(error instanceof AppError)) throw error;
        return finish('failed', `${step.id}: ${error.message}`, step.id);
      }
    }
    if (!(await advance(next, outcome, detail))) return { status: 'superseded', steps: ran };
    stepId = next;
  }
  return finish('completed', null, null);
}

/**
 * Logs a step and moves the enrollment to `next`, only if it is still at that step (false otherwise:
 * another run moved it on). A wait enqueues its resumption in the same transaction.
 */
async function advanceEnrollment({
  db,
  workspaceId,
  enrollmentId,
  step,
  next,
  outcome,
  detail,
  resumeAt,
  n,
  now,
}: {
  db: TDb;
  workspaceId: string;
  enrollmentId: string;
  step: TPlaybookStep;
  next: string | null;
  outcome: string;
  detail: Record<string, unknown>;
  resumeAt?: Date;
  n: number;
  now: Date;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('playbook_enrollments')
      .set({ next_step_id: next, resume_at: resumeAt ?? null })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', enrollmentId)
      .where('status', '=', 'active')
      .where('next_step_id', '=', step.id)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return false;
    await appendLog(trx, workspaceId, enrollmentId, now, step, outcome, detail);
    if (resumeAt) {
      const stepId = next ?? 'end';
      await enqueueJob(trx, {
        workspaceId,
        name: STEP_JOB,
        payload: { enrollment_id: enrollmentId, step_id: stepId, n: n + 1 },
        key: `${STEP_JOB}:${enrollmentId}:${stepId}:${n + 1}`,
        runAt: resumeAt,
      });
    }
    return true;
  });
}

async function finishEnrollment({
  db,
  workspaceId,
  enrollmentId,
  status,
  reason,
  from,
  now,
}: {
  db: TDb;
  workspaceId: string;
  enrollmentId: string;
  status: 'completed' | 'exited' | 'failed';
  reason: string | null;
  from: string | null;
  now: Date;
}): Promise<TRunEnrollmentResult> {
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('playbook_enrollments')
      .set({ status, exit_reason: reason, finished_at: now, next_step_id: null, resume_at: null })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', enrollmentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return;
    const step = from === null ? null : { id: from, type: null };
    await appendLog(trx, workspaceId, enrollmentId, now, step, status, reason ? { reason } : {});
  });
  return { status, steps: [] };
}

async function appendLog(
  db: TDb,
  workspaceId: string,
  enrollmentId: string,
  at: Date,
  step: { id: string; type: string | null } | null,
  outcome: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const last = await db
    .selectFrom('playbook_enrollment_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('workspace_id', '=', workspaceId)
    .where('enrollment_id', '=', enrollmentId)
    .executeTakeFirst();
  await db
    .insertInto('playbook_enrollment_log')
    .values({
      workspace_id: workspaceId,
      enrollment_id: enrollmentId,
      seq: Number(last?.seq ?? 0) + 1,
      at,
      step_id: step?.id ?? null,
      step_type: step?.type ?? null,
      outcome,
      detail: JSON.stringify(detail),
    })
    .execute();
}
