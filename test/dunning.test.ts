import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { enqueueJob } from '../src/jobs/enqueue-job.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { addDays } from '../src/modules/dunning/add-days.ts';
import { computeRecoveryMetrics } from '../src/modules/dunning/compute-recovery-metrics.ts';
import { findDunningCases } from '../src/modules/dunning/find-dunning-cases.ts';
import { getDunningCase } from '../src/modules/dunning/get-dunning-case.ts';
import { replaceDunningPolicies } from '../src/modules/dunning/replace-dunning-policies.ts';
import { updatePaymentProvider } from '../src/modules/dunning/update-payment-provider.ts';
import { upsertPaymentMethod } from '../src/modules/dunning/upsert-payment-method.ts';
import { createWebhookEndpoint } from '../src/modules/webhooks/create-webhook-endpoint.ts';
import { signWebhookPayload } from '../src/modules/webhooks/sign-webhook-payload.ts';
import { verifyWebhookSignature } from '../src/modules/webhooks/verify-webhook-signature.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const T0 = new Date('2025-03-03T10:00:00Z');
const MINUTE = 60_000;
const DUNNING_JOBS = ['dunning.scan', 'dunning.retry', 'dunning.notify', 'dunning.final'];

/** A fake Stripe: answers POST /v1/invoices/:id/pay from a script per invoice and counts calls per key. */
function startFakeStripe() {
  const callsByKey = new Map<string, number>();
  const script = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /^\/v1\/invoices\/([^/]+)\/pay$/.exec(req.url ?? '');
      const key = String(req.headers['idempotency-key'] ?? '');
      callsByKey.set(key, (callsByKey.get(key) ?? 0) + 1);
      const invoiceId = decodeURIComponent(match?.[1] ?? '');
      const next = script.get(invoiceId)?.shift() ?? 'paid';
      res.setHeader('content-type', 'application/json');
      if (next === 'paid') {
        res.end(JSON.stringify({ id: invoiceId, object: 'invoice', status: 'paid' }));
        return;
      }
      res.statusCode = 402;
      res.end(
        JSON.stringify({
          error: { type: 'card_error', code: 'card_declined', decline_code: next, message: 'declined' },
        }),
      );
    });
  });
  return { server, callsByKey, script };
}

describe(`dunning (${engineName})`, () => {
  let store: TStore;
  const stripe = startFakeStripe();
  let stripeUrl: string;

  const runUntil = async (now: Date) => {
    for (let pass = 0; pass < 50; pass += 1) {
      const result = await runDueJobs({ store, now, names: DUNNING_JOBS });
      if (result.ran === 0) return;
    }
  };
  const scan = async (ws: string, now: Date) => {
    await enqueueJob(store.db, {
      workspaceId: ws,
      name: 'dunning.scan',
      payload: {},
      key: `scan@${now.toISOString()}`,
      runAt: now,
    });
    await runUntil(now);
  };
  const callsFor = (caseId: string) =>
    [...stripe.callsByKey.entries()]
      .filter(([key]) => key.startsWith(`dunning:${caseId}:attempt:`))
      .reduce((sum, [, n]) => sum + n, 0);
  const getCase = (ws: string, id: string) =>
    store.db
      .selectFrom('dunning_cases')
      .selectAll()
      .where('workspace_id', '=', ws)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /** A workspace with one account, its billing contact, an active subscription and an invoice whose payment failed. */
  const seed = async (
    ws: string,
    failureCode: string,
    options: { tier?: 'vip' | 'core'; hasProvider?: boolean } = {},
  ) => {
    await createTestWorkspace(store, ws);
    const db = store.db;
    await db
      .insertInto('accounts')
      .values({ workspace_id: ws, id: 'acc', name: 'Acme', owner_email: 'csm@tenure.test' })
      .execute();
    await db
      .insertInto('contacts')
      .values({
        workspace_id: ws,
        id: 'bill',
        account_id: 'acc',
        email: 'billing@acme.test',
        is_billing_contact: true,
      })
      .execute();
    await db
      .insertInto('subscriptions')
      .values({
        workspace_id: ws,
        id: 'sub',
        account_id: 'acc',
        status: 'active',
        started_at: '2025-01-01T00:00:00Z',
      })
      .execute();
    await db
      .insertInto('invoices')
      .values({
        workspace_id: ws,
        id: 'inv',
        account_id: 'acc',
        issued_at: addDays(T0, -1),
        currency: 'USD',
        status: 'open',
      })
      .execute();
    await db
      .insertInto('invoice_lines')
      .values({
        workspace_id: ws,
        id: 'line',
        invoice_id: 'inv',
        type: 'subscription',
        subscription_id: 'sub',
        service_start: '2025-03-02',
        service_end: '2025-04-01',
        quantity: 1,
        amount: 100,
        discount: 0,
        tax: 0,
      })
      .execute();
    await db
      .insertInto('payments')
      .values({
        workspace_id: ws,
        id: 'pay_1',
        invoice_id: 'inv',
        attempted_at: new Date(T0.getTime() - 60 * MINUTE),
        amount: 100,
        currency: 'USD',
        outcome: 'failed',
        failure_code: failureCode,
      })
      .execute();
    if (options.tier) {
      await db
        .insertInto('account_profiles')
        .values({ workspace_id: ws, account_id: 'acc', tier: options.tier, stage: 'adoption' })
        .execute();
    }
    if (options.hasProvider === false) return;
    await updatePaymentProvider({
      db,
      workspaceId: ws,
      input: { kind: 'stripe', stripe_api_key: 'sk_test_fake', stripe_base_url: stripeUrl },
    });
  };

  beforeAll(async () => {
    store = await openTestStore();
    await new Promise<void>((resolve) => stripe.server.listen(0, '127.0.0.1', resolve));
    stripeUrl = `http://127.0.0.1:${(stripe.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => stripe.callsByKey.clear());
  afterAll(async () => {
    await new Promise((resolve) => stripe.server.close(resolve));
    await store.close();
  });

  it('retries a soft decline on the policy days (attempt n at day retry_days[n], not before) and stops on success', async () => {
    await seed('soft', 'insufficient_funds');
    stripe.script.set('inv', ['insufficient_funds', 'insufficient_funds', 'paid']);
    await scan('soft', T0);
    expect(await getCase('soft', 'dun_inv')).toMatchObject({
      status: 'open',
      decline_kind: 'soft',
      blocked_reason: null,
    });
    // Default retry_days {1,2,3,…}: attempt 1 on day 1, attempt 2 on day 2, attempt 3 on day 3.
    const nextStep = async () =>
      (await getDunningCase({ db: store.db, workspaceId: 'soft', caseId: 'dun_inv' })).next_step;
    expect(await nextStep()).toEqual({ kind: 'retry', at: addDays(T0, 1).toISOString(), attempt: 1 });
    await runUntil(new Date(addDays(T0, 1).getTime() - MINUTE));
    expect(callsFor('dun_inv')).toBe(0);
    await runUntil(addDays(T0, 1));
    expect(callsFor('dun_inv')).toBe(1);
    expect(await nextStep()).toEqual({ kind: 'retry', at: addDays(T0, 2).toISOString(), attempt: 2 });
    const { cases } = await findDunningCases({ db: store.db, workspaceId: 'soft' });
    expect(cases[0]!.next_step).toEqual(await nextStep());
    await runUntil(new Date(addDays(T0, 2).getTime() - MINUTE));
    expect(callsFor('dun_inv')).toBe(1);
    await runUntil(addDays(T0, 2));
    expect(callsFor('dun_inv')).toBe(2);
    await runUntil(addDays(T0, 3));
    expect(callsFor('dun_inv')).toBe(3);
    expect(await getCase('soft', 'dun_inv')).toMatchObject({
      status: 'recovered',
      recovered_attempt: 3,
      attempts_made: 3,
    });
    expect(await nextStep()).toBeNull();
    const invoice = await store.db
      .selectFrom('invoices')
      .selectAll()
      .where('workspace_id', '=', 'soft')
      .executeTakeFirstOrThrow();
    expect(invoice.status).toBe('paid');
    const payments = await store.db
      .selectFrom('payments')
      .select(['id', 'outcome', 'failure_code'])
      .where('workspace_id', '=', 'soft')
      .orderBy('id')
      .execute();
    expect(payments).toEqual([
      { id: 'dun_inv_a1', outcome: 'failed', failure_code: 'insufficient_funds' },
      { id: 'dun_inv_a2', outcome: 'failed', failure_code: 'insufficient_funds' },
      { id: 'dun_inv_a3', outcome: 'succeeded', failure_code: null },
      { id: 'pay_1', outcome: 'failed', failure_code: 'insufficient_funds' },
    ]);
    await runUntil(addDays(T0, 30));
    expect(callsFor('dun_inv')).toBe(3);
  });

  it('without a payment provider charges nothing, keeps the schedule and its final action, and writes no payment', async () => {
    await seed('none', 'insufficient_funds', { hasProvider: false });
    await scan('none', T0);
    await runUntil(addDays(T0, 13));
    const attempts = await store.db
      .selectFrom('dunning_attempts')
      .select(['attempt_no', 'outcome', 'provider_reference'])
      .where('workspace_id', '=', 'none')
      .orderBy('attempt_no')
      .execute();
    expect(attempts).toHaveLength(7);
    expect(
      attempts.every((a) => a.outcome === 'pending' && a.provider_reference === 'no_payment_provider'),
    ).toBe(true);
    expect(await getCase('none', 'dun_inv')).toMatchObject({ status: 'open', attempts_made: 0 });
    // The 8th attempt on day 14, then the final action (leave past due) 7 days of grace later.
    await runUntil(addDays(T0, 14));
    expect(await getCase('none', 'dun_inv')).toMatchObject({ status: 'open' });
    const held = await getDunningCase({ db: store.db, workspaceId: 'none', caseId: 'dun_inv' });
    expect(held.next_step).toEqual({
      kind: 'final_action',
      at: addDays(T0, 21).toISOString(),
      attempt: null,
    });
    await runUntil(addDays(T0, 21));
    expect(await getCase('none', 'dun_inv')).toMatchObject({ status: 'failed' });
    const payments = await store.db
      .selectFrom('payments')
      .select('id')
      .where('workspace_id', '=', 'none')
      .execute();
    expect(payments).toEqual([{ id: 'pay_1' }]);
    const dead = await store.db
      .selectFrom('jobs')
      .select('id')
      .where('workspace_id', '=', 'none')
      .where('status', '=', 'dead')
      .execute();
    expect(dead).toEqual([]);
  });

  it('never retries a hard decline until a new payment method arrives, then resumes at once', async () => {
    await seed('hard', 'stolen_card');
    stripe.script.set('inv', ['paid']);
    const before = callsFor('dun_inv');
    await scan('hard', T0);
    expect(await getCase('hard', 'dun_inv')).toMatchObject({
      decline_kind: 'hard',
      blocked_reason: 'awaiting_payment_method',
    });
    await runUntil(addDays(T0, 20));
    expect(callsFor('dun_inv')).toBe(before);
    const at = addDays(T0, 20);
    const result = await upsertPaymentMethod({
      db: store.db,
      workspaceId: 'hard',
      method: { id: 'pm_new', accountId: 'acc', type: 'card', last4: '4242', expMonth: 12, expYear: 2030 },
      now: at,
    });
    expect(result).toMatchObject({ status: 'created', resumedCaseIds: ['dun_inv'] });
    await runUntil(at);
    expect(callsFor('dun_inv')).toBe(before + 1);
    expect(await getCase('hard', 'dun_inv')).toMatchObject({ status: 'recovered', recovered_attempt: 1 });
  });

  it('cancels the subscription after the grace period once the last attempt failed', async () => {
    await seed('final', 'insufficient_funds');
    await replaceDunningPolicies({
      db: store.db,
      workspaceId: 'final',
      policies: [
        {
          id: 'short',
          name: 'Short',
          retry_days: [1, 2],
          notify_days: [0],
          grace_days: 3,
          final_action: 'cancel',
        },
      ],
    });
    stripe.script.set('inv', ['insufficient_funds', 'card_velocity_exceeded']);
    await scan('final', T0);
    await runUntil(addDays(T0, 2));
    expect(await getCase('final', 'dun_inv')).toMatchObject({ status: 'open', attempts_made: 2 });
    // The last attempt failed on day 2; grace 3 days: the final action is due on day 5.
    await runUntil(new Date(addDays(T0, 5).getTime() - MINUTE));
    const sub = () =>
      store.db
        .selectFrom('subscriptions')
        .selectAll()
        .where('workspace_id', '=', 'final')
        .executeTakeFirstOrThrow();
    expect((await sub()).status).toBe('active');
    await runUntil(addDays(T0, 5));
    expect(await sub()).toMatchObject({ status: 'cancelled', cancellation_reason: 'payment_failed' });
    expect(await getCase('final', 'dun_inv')).toMatchObject({
      status: 'failed',
      final_action_taken: 'cancel',
    });
  });

  it('queues the dunning.final_action webhook when the policy says so', async () => {
    await seed('hook', 'insufficient_funds');
    await createWebhookEndpoint({
      db: store.db,
      workspaceId: 'hook',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['dunning.final_action'],
    });
    await replaceDunningPolicies({
      db: store.db,
      workspaceId: 'hook',
      policies: [
        {
          id: 'hook',
          name: 'Hook',
          retry_days: [1],
          notify_days: [0],
          grace_days: 1,
          final_action: 'webhook',
        },
      ],
    });
    stripe.script.set('inv', ['insufficient_funds']);
    await scan('hook', T0);
    await runUntil(addDays(T0, 1));
    // The only attempt failed on day 1; grace 1 day: the final action runs on day 2.
    await runUntil(addDays(T0, 2));
    expect(await getCase('hook', 'dun_inv')).toMatchObject({
      status: 'failed',
      final_action_taken: 'webhook',
    });
    const deliveries = await store.db
      .selectFrom('webhook_deliveries')
      .select('event_type')
      .where('workspace_id', '=', 'hook')
      .execute();
    expect(deliveries).toEqual([{ event_type: 'dunning.final_action' }]);
  });

  const subscriptionStatus = async (ws: string) =>
    (
      await store.db
        .selectFrom('subscriptions')
        .select('status')
        .where('workspace_id', '=', ws)
        .executeTakeFirstOrThrow()
    ).status;
  const jobStatus = async (ws: string, id: string) =>
    (
      await store.db
        .selectFrom('jobs')
        .select('status')
        .where('workspace_id', '=', ws)
        .where('id', '=', id)
        .executeTakeFirst()
    )?.status;

  it('runs the final action on a hard-declined case whose payment method never changes', async () => {
    await seed('hardend', 'stolen_card');
    await scan('hardend', T0);
    expect(await getCase('hardend', 'dun_inv')).toMatchObject({
      status: 'open',
      blocked_reason: 'awaiting_payment_method',
    });
    // Default policy: the soft schedule would end on day 14 (last retry day), plus 7 grace days: day 21.
    await runUntil(new Date(addDays(T0, 21).getTime() - MINUTE));
    expect(await getCase('hardend', 'dun_inv')).toMatchObject({ status: 'open' });
    expect(await subscriptionStatus('hardend')).toBe('active');
    await runUntil(addDays(T0, 21));
    expect(await getCase('hardend', 'dun_inv')).toMatchObject({
      status: 'failed',
      final_action_taken: 'leave_past_due',
      attempts_made: 0,
    });
    expect(await subscriptionStatus('hardend')).toBe('past_due');
    expect(callsFor('dun_inv')).toBe(0);
  });

  it('lets a new payment method before the deadline cancel the hard-decline final action', async () => {
    await seed('hardfix', 'stolen_card');
    await scan('hardfix', T0);
    const blockedFinal = 'dunning.final:dun_inv:blocked:0';
    expect(await jobStatus('hardfix', blockedFinal)).toBe('queued');
    // Day 10: a new card. The resumed schedule keeps its spacing from there: anchor day 9, attempts on days
    // 10, 11, 12, 14, 16, 18, 20, 23 (9 + retry_days), all declined softly.
    stripe.script.set('inv', Array(8).fill('insufficient_funds'));
    const at = addDays(T0, 10);
    await upsertPaymentMethod({
      db: store.db,
      workspaceId: 'hardfix',
      method: { id: 'pm_fix', accountId: 'acc', type: 'card', last4: '1111', expMonth: 1, expYear: 2031 },
      now: at,
    });
    await runUntil(at);
    expect(callsFor('dun_inv')).toBe(1);
    // Day 21, the hard-decline deadline: its job runs and does nothing, the case is open and on schedule.
    await runUntil(addDays(T0, 21));
    expect(await jobStatus('hardfix', blockedFinal)).toBe('done');
    expect(await getCase('hardfix', 'dun_inv')).toMatchObject({
      status: 'open',
      blocked_reason: null,
      attempts_made: 7,
    });
    expect(await subscriptionStatus('hardfix')).toBe('active');
    // The last attempt fails on day 23; 7 grace days: the soft schedule's own final action on day 30.
    await runUntil(addDays(T0, 23));
    await runUntil(new Date(addDays(T0, 30).getTime() - MINUTE));
    expect(await getCase('hardfix', 'dun_inv')).toMatchObject({ status: 'open', attempts_made: 8 });
    await runUntil(addDays(T0, 30));
    expect(await getCase('hardfix', 'dun_inv')).toMatchObject({
      status: 'failed',
      final_action_taken: 'leave_past_due',
    });
    expect(callsFor('dun_inv')).toBe(8);
  });

  it('gives a hard decline on a later attempt until the same deadline, and no attempt meanwhile', async () => {
    await seed('hardlate', 'insufficient_funds');
    stripe.script.set('inv', ['insufficient_funds', 'lost_card']);
    await scan('hardlate', T0);
    await runUntil(addDays(T0, 2));
    expect(await getCase('hardlate', 'dun_inv')).toMatchObject({
      attempts_made: 2,
      decline_kind: 'hard',
      blocked_reason: 'awaiting_payment_method',
    });
    expect(await jobStatus('hardlate', 'dunning.final:dun_inv:blocked:2')).toBe('queued');
    await runUntil(new Date(addDays(T0, 21).getTime() - MINUTE));
    expect(callsFor('dun_inv')).toBe(2);
    expect((await getCase('hardlate', 'dun_inv')).status).toBe('open');
    await runUntil(addDays(T0, 21));
    expect(await getCase('hardlate', 'dun_inv')).toMatchObject({
      status: 'failed',
      final_action_taken: 'leave_past_due',
    });
  });

  it('gives a VIP account a CSM task at once and holds the first email back 2 days', async () => {
    await seed('vip', 'insufficient_funds', { tier: 'vip' });
    await scan('vip', T0);
    const tasks = await store.db.selectFrom('tasks').selectAll().where('workspace_id', '=', 'vip').execute();
    expect(tasks).toMatchObject([
      { account_id: 'acc', priority: 'high', source: 'dunning', idempotency_key: 'dunning:dun_inv:task' },
    ]);
    const notify = await store.db
      .selectFrom('jobs')
      .select(['id', 'run_at', 'status'])
      .where('workspace_id', '=', 'vip')
      .where('name', '=', 'dunning.notify')
      .orderBy('run_at')
      .execute();
    expect(notify[0]).toMatchObject({ id: 'dunning.notify:dun_inv:0', status: 'queued' });
    expect(new Date(notify[0]!.run_at).toISOString()).toBe(addDays(T0, 2).toISOString());
    const emails = await store.db
      .selectFrom('email_messages')
      .select('id')
      .where('workspace_id', '=', 'vip')
      .execute();
    expect(emails).toEqual([]);
    // Every test's invoice is `inv`: close this case so its later attempts stay out of the next tests' counts.
    await store.db
      .updateTable('dunning_cases')
      .set({ status: 'closed' })
      .where('workspace_id', '=', 'vip')
      .execute();
  });

  it('never charges twice when a worker is killed mid-retry', async () => {
    await seed('kill', 'insufficient_funds');
    stripe.script.set('inv', ['insufficient_funds', 'insufficient_funds', 'insufficient_funds']);
    await scan('kill', T0);
    await runUntil(addDays(T0, 1));
    expect(stripe.callsByKey.get('dunning:dun_inv:attempt:1')).toBe(1);
    // Killed after the charge, before its result was recorded: the recording is undone and the job is
    // left running under a lease that has expired.
    const db = store.db;
    await db
      .updateTable('dunning_attempts')
      .set({ outcome: 'pending', failure_code: null })
      .where('workspace_id', '=', 'kill')
      .execute();
    await db
      .updateTable('dunning_cases')
      .set({ attempts_made: 0 })
      .where('workspace_id', '=', 'kill')
      .execute();
    await db
      .deleteFrom('jobs')
      .where('workspace_id', '=', 'kill')
      .where('id', '=', 'dunning.retry:dun_inv:2')
      .execute();
    const lease = new Date(addDays(T0, 1).getTime() + MINUTE);
    await db
      .updateTable('jobs')
      .set({ status: 'running', locked_until: lease, locked_by: 'killed' })
      .where('workspace_id', '=', 'kill')
      .where('id', '=', 'dunning.retry:dun_inv:1')
      .execute();
    await runUntil(new Date(lease.getTime() + MINUTE));
    expect(stripe.callsByKey.get('dunning:dun_inv:attempt:1')).toBe(1);
    expect(await getCase('kill', 'dun_inv')).toMatchObject({ attempts_made: 1, status: 'open' });
    // Killed during the charge of attempt 2 (claimed, never completed): the outcome is unknown, so it is
    // never charged again with that key.
    await db
      .insertInto('side_effects')
      .values({
        workspace_id: 'kill',
        key: 'dunning:dun_inv:attempt:2',
        kind: 'payment_retry',
        status: 'claimed',
        claimed_at: addDays(T0, 2),
      })
      .execute();
    await runUntil(addDays(T0, 2));
    expect(stripe.callsByKey.get('dunning:dun_inv:attempt:2')).toBeUndefined();
    await runUntil(addDays(T0, 3));
    expect(stripe.callsByKey.get('dunning:dun_inv:attempt:3')).toBe(1);
  });

  it('signs the generic provider request, refuses a callback with a bad signature and records a good one', async () => {
    await seed('httpp', 'insufficient_funds');
    const secret = 'a-shared-secret-of-the-provider';
    const received: { isValid: boolean; body: Record<string, unknown> }[] = [];
    const provider = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const header = req.headers['tenure-signature'] as string | undefined;
        received.push({
          isValid: verifyWebhookSignature({ secret, header, body, now: new Date() }),
          body: JSON.parse(body),
        });
        res.statusCode = 202;
        res.end();
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/retry`;
      await updatePaymentProvider({
        db: store.db,
        workspaceId: 'httpp',
        input: { kind: 'http', http_url: url, http_secret: secret, public_url: 'https://tenure.example' },
      });
      await scan('httpp', T0);
      await runUntil(addDays(T0, 1));
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        isValid: true,
        body: {
          case_id: 'dun_inv',
          invoice_id: 'inv',
          attempt: 1,
          amount: 100,
          currency: 'USD',
          idempotency_key: 'dunning:dun_inv:attempt:1',
          callback_url: 'https://tenure.example/v1/integrations/payments/callback?workspace=httpp',
        },
      });
      const app = createApp({ store });
      const body = JSON.stringify({ case_id: 'dun_inv', attempt: 1, outcome: 'succeeded' });
      const post = (signature: string) =>
        app.request('/v1/integrations/payments/callback?workspace=httpp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'tenure-signature': signature },
          body,
        });
      const t = Math.floor(Date.now() / 1000);
      expect(
        (await post(signWebhookPayload({ secret: 'wrong-secret-wrong-secret', body, timestamp: t }))).status,
      ).toBe(401);
      expect((await getCase('httpp', 'dun_inv')).status).toBe('open');
      expect((await post(signWebhookPayload({ secret, body, timestamp: t }))).status).toBe(200);
      expect(await getCase('httpp', 'dun_inv')).toMatchObject({ status: 'recovered', recovered_attempt: 1 });
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  });

  it('computes recovery metrics on a hand-made fixture', async () => {
    const ws = 'metrics';
    await createTestWorkspace(store, ws);
    const db = store.db;
    await db.insertInto('accounts').values({ workspace_id: ws, id: 'acc', name: 'A' }).execute();
    const cases: [string, string, string | null, string | null, number | null, number, number, string][] = [
      // id, status, first code, tier, recovered attempt, amount (reporting), mrr, opened
      ['c1', 'recovered', 'insufficient_funds', 'vip', 2, 100, 500, '2025-03-02T00:00:00Z'],
      ['c2', 'recovered', 'do_not_honor', 'core', null, 50, 200, '2025-03-05T00:00:00Z'],
      ['c3', 'failed', 'insufficient_funds', 'core', null, 80, 300, '2025-03-10T00:00:00Z'],
      ['c4', 'open', 'stolen_card', null, null, 40, 100, '2025-03-31T23:00:00Z'],
      ['c5', 'recovered', 'insufficient_funds', 'vip', 1, 999, 999, '2025-04-01T00:00:00Z'],
    ];
    for (const [id, status, code, tier, attempt, amount, mrr, opened] of cases) {
      await db
        .insertInto('invoices')
        .values({
          workspace_id: ws,
          id,
          account_id: 'acc',
          issued_at: opened,
          currency: 'USD',
          status: 'open',
        })
        .execute();
      await db
        .insertInto('dunning_cases')
        .values({
          workspace_id: ws,
          id,
          invoice_id: id,
          account_id: 'acc',
          status: status as 'open',
          decline_kind: 'soft',
          first_failure_code: code,
          last_failure_code: code,
          last_failure_at: opened,
          amount,
          currency: 'USD',
          amount_reporting: amount,
          mrr,
          tier,
          policy: '{}',
          schedule_anchor: opened,
          opened_at: opened,
          recovered_attempt: attempt,
        })
        .execute();
    }
    const m = await computeRecoveryMetrics({ db, workspaceId: ws, from: '2025-03-01', to: '2025-04-01' });
    // In range: c1..c4 (c5 opens on 04-01, excluded). Recovered c1, c2: rate 2/4 = 0.5;
    // recovered amount 100 + 50 = 150; recovered MRR 500 + 200 = 700; lost MRR (failed c3) 300.
    expect(m).toMatchObject({
      cases: 4,
      recovered: 2,
      recovery_rate: 0.5,
      recovered_amount: 150,
      recovered_mrr: 700,
      lost_mrr: 300,
    });
    // By first decline code: do_not_honor 1/1 (50, 200); insufficient_funds c1 + c3: 1/2, 100, 500, lost 300; stolen_card 0/1.
    expect(m.by_decline_code).toMatchObject([
      {
        decline_code: 'do_not_honor',
        cases: 1,
        recovered: 1,
        recovery_rate: 1,
        recovered_amount: 50,
        recovered_mrr: 200,
        lost_mrr: 0,
      },
      {
        decline_code: 'insufficient_funds',
        cases: 2,
        recovered: 1,
        recovery_rate: 0.5,
        recovered_amount: 100,
        recovered_mrr: 500,
        lost_mrr: 300,
      },
      {
        decline_code: 'stolen_card',
        cases: 1,
        recovered: 0,
        recovery_rate: 0,
        recovered_amount: 0,
        recovered_mrr: 0,
        lost_mrr: 0,
      },
    ]);
    // By recovering attempt (recovered cases only): attempt 2 = c1; null (paid another way) = c2.
    expect(m.by_recovered_attempt).toMatchObject([
      { attempt: 2, cases: 1, recovered_mrr: 500 },
      { attempt: null, cases: 1, recovered_mrr: 200 },
    ]);
    // By tier: core c2 + c3: 1/2, 50, 200, lost 300; vip c1: 1/1, 100, 500; no tier c4: 0/1.
    expect(m.by_tier).toMatchObject([
      {
        tier: 'core',
        cases: 2,
        recovered: 1,
        recovery_rate: 0.5,
        recovered_amount: 50,
        recovered_mrr: 200,
        lost_mrr: 300,
      },
      {
        tier: 'vip',
        cases: 1,
        recovered: 1,
        recovery_rate: 1,
        recovered_amount: 100,
        recovered_mrr: 500,
        lost_mrr: 0,
      },
      { tier: null, cases: 1, recovered: 0, recovery_rate: 0 },
    ]);
  });
});
