import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createPlaybookFromTemplate } from '../src/modules/playbooks/create-playbook-from-template.ts';
import { dryRunPlaybook } from '../src/modules/playbooks/dry-run-playbook.ts';
import { evaluatePlaybooks } from '../src/modules/playbooks/evaluate-playbooks.ts';
import { findPlaybookTemplates } from '../src/modules/playbooks/find-playbook-templates.ts';
import { findWinBackAttributions } from '../src/modules/playbooks/find-win-back-attributions.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';
import {
  addMs,
  countWritableRows,
  DAY_MS,
  insertLifecycleChange,
  insertMovement,
  insertPlaybookAccount,
} from './playbooks-fixture.ts';

const T0 = new Date('2025-03-03T09:00:00Z');

describe(`playbook dry runs, templates and win-back attribution (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    const ws = 'fx';
    await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, ws, {
      id: 'onb',
      stage: 'onboarding',
      ownerEmail: 'ana@example.com',
    });
    await insertPlaybookAccount(store.db, ws, {
      id: 'vip',
      tier: 'vip',
      ownerEmail: 'vip-owner@example.com',
    });
    await insertPlaybookAccount(store.db, ws, { id: 'core', tier: 'core' });
    await insertPlaybookAccount(store.db, ws, { id: 'gone' });
    const before = addMs(T0, -10 * 60_000);
    await insertLifecycleChange(store.db, ws, {
      accountId: 'onb',
      type: 'stage_changed',
      from: 'trial',
      to: 'onboarding',
      at: before,
    });
    for (const accountId of ['vip', 'core']) {
      await insertLifecycleChange(store.db, ws, {
        accountId,
        type: 'health_band_changed',
        from: 'yellow',
        to: 'red',
        at: before,
      });
    }
    await insertMovement(store.db, ws, { accountId: 'gone', date: '2025-03-02', type: 'churn', amount: 80 });
  });
  afterAll(() => store.close());

  it('shows who would enter and what would happen, and writes nothing', async () => {
    const before = await countWritableRows(store.db);
    const vip = findPlaybookTemplates().templates.find((t) => t.id === 'vip_at_risk_call')!;
    const result = await dryRunPlaybook({
      db: store.db,
      workspaceId: 'fx',
      definition: vip.definition,
      now: T0,
    });
    expect(result.entering.map((e) => e.account_id)).toEqual(['vip']);
    expect(result.skipped).toEqual([
      expect.objectContaining({ account_id: 'core', reason: 'conditions_not_met' }),
    ]);
    expect(result.entering[0]!.steps[0]).toMatchObject({
      type: 'create_task',
      owner_email: 'vip-owner@example.com',
      due_on: '2025-03-03',
      priority: 'urgent',
    });
    const onboarding = findPlaybookTemplates().templates.find((t) => t.id === 'onboarding_by_stage')!;
    const dry = await dryRunPlaybook({
      db: store.db,
      workspaceId: 'fx',
      definition: onboarding.definition,
      now: T0,
    });
    expect(dry.entering[0]!.steps).toEqual([
      expect.objectContaining({
        step_id: 'welcome',
        template_id: 'onboarding_welcome',
        to: 'billing@onb.example',
      }),
      expect.objectContaining({ step_id: 'check_in', owner_email: 'ana@example.com', due_on: '2025-03-10' }),
      expect.objectContaining({ step_id: 'wait_week', until: '2025-03-10T09:00:00.000Z' }),
      expect.objectContaining({ step_id: 'usage', result: false, next: 'escalate' }),
      expect.objectContaining({ step_id: 'escalate', at: '2025-03-10T09:00:00.000Z', due_on: '2025-03-11' }),
    ]);
    expect(await countWritableRows(store.db)).toEqual(before);
  });

  it('has templates that all validate and dry-run, in English and Spanish', async () => {
    const { templates } = findPlaybookTemplates({ language: 'es' });
    expect(templates.map((t) => t.id)).toEqual([
      'onboarding_by_stage',
      'detractor_follow_up',
      'vip_at_risk_call',
      'automation_suggestion',
      'annual_billing_offer',
      'renewal_reminder_90',
      'renewal_reminder_60',
      'renewal_reminder_30',
      'offboarding_win_back',
      'cancelled_too_expensive',
    ]);
    for (const template of templates) {
      expect(template.names.es).not.toBe('');
      expect(template.description).toBe(template.descriptions.es);
      const since = addMs(T0, -2 * DAY_MS);
      const result = await dryRunPlaybook({
        db: store.db,
        workspaceId: 'fx',
        definition: template.definition,
        since,
        now: T0,
      });
      expect(Array.isArray(result.entering)).toBe(true);
    }
    const winBack = templates.find((t) => t.id === 'offboarding_win_back')!;
    const since = addMs(T0, -2 * DAY_MS);
    const result = await dryRunPlaybook({
      db: store.db,
      workspaceId: 'fx',
      definition: winBack.definition,
      since,
      now: T0,
    });
    expect(result.entering.map((e) => [e.account_id, e.steps.map((s) => s.type)])).toEqual([
      ['gone', ['send_email', 'wait', 'send_email', 'wait', 'send_email']],
    ]);
  });

  it('attributes reactivations to a win-back enrollment within the window, and lists the others', async () => {
    const ws = 'wb';
    await createTestWorkspace(store, ws);
    for (const id of ['w1', 'w2', 'w3']) await insertPlaybookAccount(store.db, ws, { id });
    await createPlaybookFromTemplate({
      db: store.db,
      workspaceId: ws,
      templateId: 'offboarding_win_back',
      isEnabled: true,
      now: new Date('2025-03-02T12:00:00Z'),
    });
    await insertMovement(store.db, ws, { accountId: 'w1', date: '2025-03-03', type: 'churn', amount: 100 });
    await insertMovement(store.db, ws, { accountId: 'w2', date: '2025-03-03', type: 'churn', amount: 50 });
    await evaluatePlaybooks({ db: store.db, workspaceId: ws, now: new Date('2025-03-03T12:00:00Z') });
    await insertMovement(store.db, ws, {
      accountId: 'w1',
      date: '2025-05-01',
      type: 'reactivation',
      amount: 100,
    });
    await insertMovement(store.db, ws, {
      accountId: 'w3',
      date: '2025-05-01',
      type: 'reactivation',
      amount: 30,
    });
    await insertMovement(store.db, ws, {
      accountId: 'w2',
      date: '2026-01-01',
      type: 'reactivation',
      amount: 50.5,
    });
    const result = await findWinBackAttributions({
      db: store.db,
      workspaceId: ws,
      from: '2025-01-01',
      to: '2026-06-01',
    });
    expect(result.attributed).toEqual([
      {
        account_id: 'w1',
        reactivated_on: '2025-05-01',
        mrr: 100,
        playbook_id: 'offboarding-win-back',
        enrolled_at: '2025-03-03T12:00:00.000Z',
      },
    ]);
    expect(result.unattributed.map((r) => [r.account_id, r.reactivated_on])).toEqual([
      ['w3', '2025-05-01'],
      ['w2', '2026-01-01'],
    ]);
    expect(result.summary).toEqual({
      reactivations: 3,
      attributed: 1,
      attributed_mrr: 100,
      unattributed: 2,
      unattributed_mrr: 80.5,
    });
    const wider = await findWinBackAttributions({
      db: store.db,
      workspaceId: ws,
      from: '2025-01-01',
      to: '2026-06-01',
      windowDays: 365,
    });
    expect(wider.summary.attributed).toBe(2);
  });
});
