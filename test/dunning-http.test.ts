import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { defaultDunningPolicy } from '../src/modules/dunning/dunning-policy.ts';
import type { TRole } from '../src/modules/users/roles.ts';
import { insertUser, TEST_PASSWORD } from '../src/modules/users/test-factories.ts';
import { asBrowser, signIn, type TBrowser } from './helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const WS_A = 'dun-http-a';
const WS_B = 'dun-http-b';
const STRIPE_KEY = 'sk_test_never_shown_again_1234';
const HTTP_SECRET = 'http-secret-never-shown-5678';

describe(`dunning API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  const browsers = {} as Record<TRole, TBrowser>;
  let adminB: TBrowser;

  const call = async (browser: TBrowser, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, asBrowser(browser, method, body));
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Record<string, any> };
  };
  const as = (role: TRole, method: string, path: string, body?: unknown) =>
    call(browsers[role], method, path, body);

  /** A case of `account` on invoice `id`, opened on `opened` (the policy snapshot is the default). */
  const insertCase = async (
    workspaceId: string,
    account: string,
    id: string,
    values: {
      status: 'open' | 'recovered';
      code: string;
      amount: number;
      mrr: number;
      opened: string;
      blocked?: boolean;
    },
  ) => {
    await store.db
      .insertInto('invoices')
      .values({
        workspace_id: workspaceId,
        id,
        account_id: account,
        issued_at: values.opened,
        currency: 'USD',
        status: values.status === 'recovered' ? 'paid' : 'open',
      })
      .execute();
    await store.db
      .insertInto('dunning_cases')
      .values({
        workspace_id: workspaceId,
        id: `dun_${id}`,
        invoice_id: id,
        account_id: account,
        status: values.status,
        decline_kind: values.blocked ? 'hard' : 'soft',
        first_failure_code: values.code,
        last_failure_code: values.code,
        last_failure_at: values.opened,
        blocked_reason: values.blocked ? 'awaiting_payment_method' : null,
        amount: values.amount,
        currency: 'USD',
        amount_reporting: values.amount,
        mrr: values.mrr,
        policy: JSON.stringify(defaultDunningPolicy(null)),
        schedule_anchor: values.opened,
        opened_at: values.opened,
        attempts_made: values.status === 'recovered' ? 1 : 0,
        recovered_attempt: values.status === 'recovered' ? 1 : null,
        recovered_at: values.status === 'recovered' ? '2025-03-03T10:00:00Z' : null,
      })
      .execute();
  };

  beforeAll(async () => {
    store = await openTestStore();
    app = createApp({ store });
    for (const [ws, account] of [
      [WS_A, 'acme'],
      [WS_B, 'globex'],
    ] as const) {
      await createTestWorkspace(store, ws);
      await store.db
        .insertInto('accounts')
        .values({ workspace_id: ws, id: account, name: account })
        .execute();
    }
    // In A: one case recovered by attempt 1 (100 USD, MRR 50), one hard-declined and blocked (40 USD, MRR 30).
    await insertCase(WS_A, 'acme', 'inv_rec', {
      status: 'recovered',
      code: 'insufficient_funds',
      amount: 100,
      mrr: 50,
      opened: '2025-03-02T10:00:00Z',
    });
    await store.db
      .insertInto('dunning_attempts')
      .values({
        workspace_id: WS_A,
        case_id: 'dun_inv_rec',
        attempt_no: 1,
        scheduled_at: '2025-03-03T10:00:00Z',
        attempted_at: '2025-03-03T10:00:00Z',
        provider: 'stripe',
        idempotency_key: 'dunning:dun_inv_rec:attempt:1',
        outcome: 'succeeded',
      })
      .execute();
    await insertCase(WS_A, 'acme', 'inv_hard', {
      status: 'open',
      code: 'stolen_card',
      amount: 40,
      mrr: 30,
      opened: '2025-03-10T10:00:00Z',
      blocked: true,
    });
    await insertCase(WS_B, 'globex', 'inv_b', {
      status: 'open',
      code: 'insufficient_funds',
      amount: 7777,
      mrr: 7777,
      opened: '2025-03-05T10:00:00Z',
    });
    for (const role of ['viewer', 'csm', 'manager', 'admin'] as const) {
      const user = await insertUser(store.db, { workspaceId: WS_A, role });
      browsers[role] = await signIn(app, { workspace: WS_A, email: user.email, password: TEST_PASSWORD });
    }
    const userB = await insertUser(store.db, { workspaceId: WS_B, role: 'admin' });
    adminB = await signIn(app, { workspace: WS_B, email: userB.email, password: TEST_PASSWORD });
  });
  afterAll(() => store.close());

  it("lists the workspace's cases, filters by status, and shows one with its attempts", async () => {
    const all = await as('viewer', 'GET', '/v1/dunning/cases');
    expect(all.status).toBe(200);
    // Newest first; B's case never appears.
    expect(all.json.cases.map((c: { id: string }) => c.id)).toEqual(['dun_inv_hard', 'dun_inv_rec']);
    expect(all.json.cases[0]).toMatchObject({
      invoice_id: 'inv_hard',
      account_id: 'acme',
      status: 'open',
      decline_kind: 'hard',
      blocked_reason: 'awaiting_payment_method',
      amount: 40,
      currency: 'USD',
      mrr: 30,
      opened_at: '2025-03-10T10:00:00.000Z',
    });
    expect(all.json).toMatchObject({ total: 2, limit: 100, offset: 0 });
    const second = await as('viewer', 'GET', '/v1/dunning/cases?limit=1&offset=1');
    expect(second.json).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(second.json.cases.map((c: { id: string }) => c.id)).toEqual(['dun_inv_rec']);
    const recovered = await as('viewer', 'GET', '/v1/dunning/cases?status=recovered');
    expect(recovered.json.cases.map((c: { id: string }) => c.id)).toEqual(['dun_inv_rec']);
    expect(recovered.json.total).toBe(1);
    expect((await as('viewer', 'GET', '/v1/dunning/cases?status=lost')).status).toBe(400);

    const one = await as('viewer', 'GET', '/v1/dunning/cases/dun_inv_rec');
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      id: 'dun_inv_rec',
      status: 'recovered',
      recovered_attempt: 1,
      policy: { id: 'default', retry_days: [1, 2, 3, 5, 7, 9, 11, 14], grace_days: 7 },
      attempts: [
        {
          attempt_no: 1,
          outcome: 'succeeded',
          provider: 'stripe',
          idempotency_key: 'dunning:dun_inv_rec:attempt:1',
          attempted_at: '2025-03-03T10:00:00.000Z',
        },
      ],
    });
  });

  it("answers 404 for another workspace's case and an unknown one", async () => {
    const other = await as('admin', 'GET', '/v1/dunning/cases/dun_inv_b');
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('not_found');
    expect(other.text).not.toContain('7777');
    expect((await as('admin', 'GET', '/v1/dunning/cases/dun_nothing')).status).toBe(404);
    expect((await call(adminB, 'GET', '/v1/dunning/cases/dun_inv_b')).status).toBe(200);
  });

  it("computes recovery metrics over the workspace's cases opened in [from, to)", async () => {
    const march = await as('viewer', 'GET', '/v1/dunning/metrics?from=2025-03-01&to=2025-04-01');
    expect(march.status).toBe(200);
    // Two cases in A (B's 7777 is not counted): 1 recovered of 2 = 0.5; recovered 100 USD and MRR 50.
    expect(march.json).toMatchObject({
      currency: 'USD',
      cases: 2,
      recovered: 1,
      recovery_rate: 0.5,
      recovered_amount: 100,
      recovered_mrr: 50,
      lost_mrr: 0,
    });
    expect(march.json.by_tier).toMatchObject([{ tier: null, cases: 2, recovered: 1 }]);
    // [from, to) excludes 2025-03-10 when to is that day.
    const early = await as('viewer', 'GET', '/v1/dunning/metrics?from=2025-03-01&to=2025-03-10');
    expect(early.json).toMatchObject({ cases: 1, recovered: 1 });
    const missing = await as('viewer', 'GET', '/v1/dunning/metrics?from=2025-03-01');
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/^to: /);
    expect((await as('viewer', 'GET', '/v1/dunning/metrics?from=soon&to=2025-04-01')).status).toBe(400);
  });

  it('lets a manager, not a CSM, replace the policies, and names the invalid field', async () => {
    const policies = [
      {
        id: 'vip-fast',
        name: 'VIP fast',
        tier: 'vip',
        retry_days: [3, 1],
        grace_days: 2,
        final_action: 'cancel',
      },
    ];
    const denied = await as('csm', 'PUT', '/v1/dunning/policies', { policies });
    expect(denied.status).toBe(403);
    expect((await as('viewer', 'GET', '/v1/dunning/policies')).json.policies).toEqual([]);

    const saved = await as('manager', 'PUT', '/v1/dunning/policies', { policies });
    expect(saved.status).toBe(200);
    // Days are sorted; what the body left out takes the defaults.
    expect(saved.json.policies).toEqual([
      {
        id: 'vip-fast',
        name: 'VIP fast',
        tier: 'vip',
        segment_id: null,
        priority: 100,
        retry_days: [1, 3],
        notify_days: [0, 3, 7, 14],
        csm_task_first: false,
        task_days_before_email: 2,
        grace_days: 2,
        final_action: 'cancel',
      },
    ]);
    expect(saved.json.default).toMatchObject({ id: 'default', retry_days: [1, 2, 3, 5, 7, 9, 11, 14] });
    expect((await as('viewer', 'GET', '/v1/dunning/policies')).json.policies).toEqual(saved.json.policies);
    expect((await call(adminB, 'GET', '/v1/dunning/policies')).json.policies).toEqual([]);

    const badDays = await as('manager', 'PUT', '/v1/dunning/policies', {
      policies: [{ id: 'p', name: 'P', retry_days: [1, -2] }],
    });
    expect(badDays.status).toBe(400);
    expect(badDays.json.error.code).toBe('invalid_input');
    expect(badDays.json.error.message).toMatch(/\bretry_days\.1: /);
    const badAction = await as('manager', 'PUT', '/v1/dunning/policies', {
      policies: [{ id: 'p', name: 'P', final_action: 'explode' }],
    });
    expect(badAction.status).toBe(400);
    expect(badAction.json.error.message).toMatch(/\bpolicies\.0\.final_action: /);
    const badTier = await as('manager', 'PUT', '/v1/dunning/policies', {
      policies: [{ id: 'p', name: 'P', tier: 'platinum' }],
    });
    expect(badTier.status).toBe(400);
    expect(badTier.json.error.message).toMatch(/\btier: /);
    // A refused change leaves the stored policies alone.
    expect((await as('viewer', 'GET', '/v1/dunning/policies')).json.policies).toEqual(saved.json.policies);
  });

  it('keeps the payment provider to admins and never returns its secrets', async () => {
    expect((await as('manager', 'GET', '/v1/payment-provider')).status).toBe(403);
    expect(
      (await as('manager', 'PUT', '/v1/payment-provider', { kind: 'stripe', stripe_api_key: STRIPE_KEY }))
        .status,
    ).toBe(403);
    const none = await as('admin', 'GET', '/v1/payment-provider');
    expect(none.json).toMatchObject({ kind: null, has_stripe_api_key: false, has_http_secret: false });

    const stripe = await as('admin', 'PUT', '/v1/payment-provider', {
      kind: 'stripe',
      stripe_api_key: STRIPE_KEY,
    });
    expect(stripe.status).toBe(200);
    expect(stripe.json).toMatchObject({ kind: 'stripe', has_stripe_api_key: true });
    expect(stripe.text).not.toContain(STRIPE_KEY);

    const httpProvider = await as('admin', 'PUT', '/v1/payment-provider', {
      kind: 'http',
      http_url: 'https://payments.example/retry',
      http_secret: HTTP_SECRET,
    });
    expect(httpProvider.status).toBe(200);
    const shown = await as('admin', 'GET', '/v1/payment-provider');
    // The Stripe key left out of the second PUT is kept, and neither secret is ever shown.
    expect(shown.json).toMatchObject({
      kind: 'http',
      http_url: 'https://payments.example/retry',
      has_stripe_api_key: true,
      has_http_secret: true,
    });
    for (const response of [httpProvider, shown]) {
      expect(response.text).not.toContain(STRIPE_KEY);
      expect(response.text).not.toContain(HTTP_SECRET);
    }
    expect(shown.json).not.toHaveProperty('stripe_api_key');
    expect(shown.json).not.toHaveProperty('http_secret');

    const short = await as('admin', 'PUT', '/v1/payment-provider', { kind: 'http', http_secret: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toMatch(/\bhttp_secret: /);
    expect((await call(adminB, 'GET', '/v1/payment-provider')).json.kind).toBeNull();
  });

  it('records a payment method, which resumes the blocked case of its account', async () => {
    const method = {
      id: 'pm_visa',
      account_id: 'acme',
      type: 'card',
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: 2030,
    };
    expect((await as('viewer', 'POST', '/v1/payment-methods', method)).status).toBe(403);
    const created = await as('csm', 'POST', '/v1/payment-methods', method);
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ status: 'created', resumed_case_ids: ['dun_inv_hard'] });
    const row = await store.db
      .selectFrom('payment_methods')
      .selectAll()
      .where('workspace_id', '=', WS_A)
      .where('id', '=', 'pm_visa')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      account_id: 'acme',
      type: 'card',
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: 2030,
      is_default: true,
    });
    const resumed = await as('viewer', 'GET', '/v1/dunning/cases/dun_inv_hard');
    expect(resumed.json.blocked_reason).toBeNull();
    expect((await as('csm', 'POST', '/v1/payment-methods', method)).json).toEqual({
      status: 'unchanged',
      resumed_case_ids: [],
    });

    const elsewhere = await as('csm', 'POST', '/v1/payment-methods', { ...method, account_id: 'globex' });
    expect(elsewhere.status).toBe(404);
    const badLast4 = await as('csm', 'POST', '/v1/payment-methods', { ...method, last4: '42x2' });
    expect(badLast4.status).toBe(400);
    expect(badLast4.json.error.message).toMatch(/\blast4: /);
  });
});
