import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { createPlaybook } from '../src/modules/playbooks/create-playbook.ts';
import { evaluatePlaybooks } from '../src/modules/playbooks/evaluate-playbooks.ts';
import { findEnrollments } from '../src/modules/playbooks/find-enrollments.ts';
import { setPlaybookEnabled } from '../src/modules/playbooks/set-playbook-enabled.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';
import { addMs, countRows, DAY_MS, insertPlaybookAccount, insertStageChange } from './playbooks-fixture.ts';

const T0 = new Date('2025-03-03T09:00:00Z');
const onboarding = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  definition: {
    name: `Onboarding ${id}`,
    trigger: { kind: 'stage_changed', to: ['onboarding'] },
    steps: [
      { id: 'kickoff', type: 'create_task', title: 'Kick-off call', due_in_days: 2, priority: 'high' },
      { id: 'pause', type: 'wait', days: 3 },
      // biome-ignore lint/suspicious/noThenProperty: a branch's target is named `then` in the definition
      { id: 'check', type: 'branch', if: 'attributes.plan = "pro"', then: 'pro_mail', else: 'basic_task' },
      { id: 'pro_mail', type: 'send_email', template_id: 'onboarding_welcome', to: 'billing' },
      { id: 'done', type: 'end' },
      { id: 'basic_task', type: 'create_task', title: 'Offer training', due_in_days: 0, priority: 'normal' },
    ],
    ...extra,
  },
});

describe(`playbook engine (${engineName})`, () => {
  let store: TStore;
  const run = (_ws: string, now: Date) => runDueJobs({ store, now, names: ['playbooks.step'] });
  const enrollmentsOf = async (ws: string, playbookId: string) =>
    (await findEnrollments({ db: store.db, workspaceId: ws, playbookId })).enrollments;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('enrolls once per occurrence, even when the same window is evaluated twice', async () => {
    const ws = 'once';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'a1', stage: 'onboarding' });
    const { id, definition } = onboarding('p1');
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await insertStageChange(store.db, ws, 'a1', 'onboarding', addMs(T0, 60_000));
    const first = await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 120_000) });
    expect(first.playbooks).toEqual([{ playbook_id: 'p1', matches: 1, enrolled: 1 }]);
    // A racing evaluator that read the old watermark sees the same occurrence: it collides.
    await store.db
      .updateTable('playbook_watermarks')
      .set({ evaluated_until: T0 })
      .where('workspace_id', '=', ws)
      .execute();
    const again = await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 180_000) });
    expect(again.playbooks[0]).toMatchObject({ matches: 1, enrolled: 0 });
    expect(await countRows(store.db, 'playbook_enrollments', ws)).toBe(1);
  });

  it('does not enroll history older than the lookback when a playbook is created', async () => {
    const ws = 'history';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'old' });
    await insertStageChange(store.db, ws, 'old', 'onboarding', addMs(T0, -5 * DAY_MS));
    const { id, definition } = onboarding('p1');
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 60_000) });
    expect(await countRows(store.db, 'playbook_enrollments', ws)).toBe(0);
  });

  it('enrolls a row that arrives late (stamped before the last evaluation), but never one from before the playbook', async () => {
    const ws = 'late';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'late' });
    await insertPlaybookAccount(store.db, ws, { id: 'before' });
    const { id, definition } = onboarding('p1');
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, DAY_MS) });
    // The next day's import brings a stage change of 12 hours after creation, and one of 2 hours before it.
    await insertStageChange(store.db, ws, 'late', 'onboarding', addMs(T0, DAY_MS / 2));
    await insertStageChange(store.db, ws, 'before', 'onboarding', addMs(T0, -2 * 3_600_000));
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, DAY_MS + 60_000) });
    const enrolled = await store.db
      .selectFrom('playbook_enrollments')
      .select('account_id')
      .where('workspace_id', '=', ws)
      .execute();
    expect(enrolled).toEqual([{ account_id: 'late' }]);
  });

  it('enrolls an account at most once in once_per_days', async () => {
    const ws = 'per-days';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'a1' });
    const { id, definition } = onboarding('p1', { enrollment: { once_per_days: 7 } });
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await insertStageChange(store.db, ws, 'a1', 'onboarding', addMs(T0, 60_000));
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 120_000) });
    await insertStageChange(store.db, ws, 'a1', 'onboarding', addMs(T0, 2 * DAY_MS));
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 2 * DAY_MS + 60_000) });
    expect(await countRows(store.db, 'playbook_enrollments', ws)).toBe(1);
    await insertStageChange(store.db, ws, 'a1', 'onboarding', addMs(T0, 8 * DAY_MS));
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: addMs(T0, 8 * DAY_MS + 60_000) });
    expect(await countRows(store.db, 'playbook_enrollments', ws)).toBe(2);
  });

  it('waits the given days, then takes the branch the account matches (both sides)', async () => {
    const ws = 'waits';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'pro', attributes: { plan: 'pro' } });
    await insertPlaybookAccount(store.db, ws, { id: 'basic', attributes: { plan: 'basic' } });
    const { id, definition } = onboarding('p1');
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await insertStageChange(store.db, ws, 'pro', 'onboarding', addMs(T0, 60_000));
    await insertStageChange(store.db, ws, 'basic', 'onboarding', addMs(T0, 60_000));
    const t1 = addMs(T0, 120_000);
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: t1 });
    await run(ws, t1);
    expect(await countRows(store.db, 'tasks', ws)).toBe(2);
    await run(ws, addMs(t1, 3 * DAY_MS - 60_000));
    expect(await countRows(store.db, 'tasks', ws)).toBe(2);
    expect(await countRows(store.db, 'email_messages', ws)).toBe(0);
    await run(ws, addMs(t1, 3 * DAY_MS));
    expect(await countRows(store.db, 'email_messages', ws)).toBe(1);
    expect(await countRows(store.db, 'tasks', ws)).toBe(3);
    const byAccount = Object.fromEntries((await enrollmentsOf(ws, 'p1')).map((e) => [e.account_id, e]));
    expect(byAccount.pro!.status).toBe('completed');
    expect(byAccount.basic!.status).toBe('completed');
    expect(byAccount.pro!.log.map((l) => l.outcome)).toEqual([
      'enrolled',
      'done',
      'waiting',
      'then',
      'done',
      'completed',
    ]);
    expect(byAccount.basic!.log.map((l) => l.step_id)).toEqual([
      null,
      'kickoff',
      'pause',
      'check',
      'basic_task',
      null,
    ]);
  });

  it('exits when the trigger stops holding, and when the playbook is disabled', async () => {
    const ws = 'exits';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'moved', stage: 'onboarding' });
    await insertPlaybookAccount(store.db, ws, { id: 'stays', stage: 'onboarding' });
    const { id, definition } = onboarding('p1', { enrollment: { exit_when_trigger_stops: true } });
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await insertStageChange(store.db, ws, 'moved', 'onboarding', addMs(T0, 60_000));
    await insertStageChange(store.db, ws, 'stays', 'onboarding', addMs(T0, 60_000));
    const t1 = addMs(T0, 120_000);
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: t1 });
    await run(ws, t1);
    await store.db
      .updateTable('account_profiles')
      .set({ stage: 'active' })
      .where('workspace_id', '=', ws)
      .where('account_id', '=', 'moved')
      .execute();
    await run(ws, addMs(t1, 3 * DAY_MS));
    const byAccount = Object.fromEntries((await enrollmentsOf(ws, 'p1')).map((e) => [e.account_id, e]));
    expect(byAccount.moved).toMatchObject({ status: 'exited', exit_reason: 'trigger_stopped' });
    expect(byAccount.stays!.status).toBe('completed');

    await insertStageChange(store.db, ws, 'stays', 'onboarding', addMs(t1, 4 * DAY_MS));
    const t2 = addMs(t1, 4 * DAY_MS + 60_000);
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: t2 });
    await run(ws, t2);
    await setPlaybookEnabled({ db: store.db, workspaceId: ws, playbookId: 'p1', isEnabled: false, now: t2 });
    await run(ws, addMs(t2, 3 * DAY_MS));
    const latest = (await enrollmentsOf(ws, 'p1')).find(
      (e) => e.status === 'exited' && e.account_id === 'stays',
    );
    expect(latest?.exit_reason).toBe('playbook_disabled');
  });

  it('gives the offboarding survey email its signed survey link', async () => {
    const ws = 'survey';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'a1' });
    const { performPlaybookStep } = await import('../src/modules/playbooks/perform-playbook-step.ts');
    await performPlaybookStep({
      store,
      workspaceId: ws,
      enrollment: { id: 'e1', playbookId: 'p1', accountId: 'a1', context: {} },
      step: { id: 'survey', type: 'send_email', template_id: 'offboarding_survey', to: 'any' },
      now: T0,
    });
    const message = await store.db
      .selectFrom('email_messages')
      .select(['text', 'html'])
      .where('workspace_id', '=', ws)
      .executeTakeFirstOrThrow();
    expect(message.text).toMatch(/http:\/\/localhost:4000\/offboarding\/[\w.-]+/);
  });

  it('resumes a step job abandoned by a killed worker without doubling the task or the email', async () => {
    const ws = 'crash';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, { id: 'a1', attributes: { plan: 'pro' } });
    const { id, definition } = onboarding('p1');
    await createPlaybook({ db: store.db, workspaceId: ws, id, definition, isEnabled: true, now: T0 });
    await insertStageChange(store.db, ws, 'a1', 'onboarding', addMs(T0, 60_000));
    const t1 = addMs(T0, 120_000);
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: t1 });
    await run(ws, t1);
    const t2 = addMs(t1, 3 * DAY_MS);
    // A worker claims the resumption, sends the email, and dies before logging it.
    await store.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: 'dead-worker',
        locked_until: addMs(t2, 300_000),
        attempts: eb('attempts', '+', 1),
      }))
      .where('workspace_id', '=', ws)
      .where('name', '=', 'playbooks.step')
      .where('status', '=', 'queued')
      .execute();
    const { runEnrollment } = await import('../src/modules/playbooks/run-enrollment.ts');
    const enrollment = (await enrollmentsOf(ws, 'p1'))[0]!;
    const { performPlaybookStep } = await import('../src/modules/playbooks/perform-playbook-step.ts');
    await performPlaybookStep({
      store,
      workspaceId: ws,
      enrollment: { id: enrollment.id, playbookId: 'p1', accountId: 'a1', context: {} },
      step: { id: 'pro_mail', type: 'send_email', template_id: 'onboarding_welcome', to: 'billing' },
      now: t2,
    });
    expect(await countRows(store.db, 'email_messages', ws)).toBe(1);
    expect((await run(ws, addMs(t2, 60_000))).ran).toBe(0);
    await run(ws, addMs(t2, 301_000));
    expect((await enrollmentsOf(ws, 'p1'))[0]!.status).toBe('completed');
    expect(await countRows(store.db, 'email_messages', ws)).toBe(1);
    expect(await countRows(store.db, 'tasks', ws)).toBe(1);
    // A duplicate run of the finished enrollment does nothing either.
    await runEnrollment({ store, workspaceId: ws, enrollmentId: enrollment.id, now: addMs(t2, 400_000) });
    expect(await countRows(store.db, 'tasks', ws)).toBe(1);
  });
});
