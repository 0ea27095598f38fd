import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createOffboardingLink } from '../src/modules/retention/create-offboarding-link.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../src/modules/revenue/test-factories.ts';
import { insertHealthScore } from '../src/modules/segments/test-factories.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
const keys: Record<string, string> = {};

const call = async (ws: string, method: string, path: string, body?: unknown) => {
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${keys[ws]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
};

async function monthly(ws: string, accountId: string, start: string, months: number, amount: number) {
  for (const period of monthlyPeriods(start, months)) {
    await insertInvoice(store.db, { workspaceId: ws, accountId, lines: [{ ...period, amount }] });
  }
}

async function subscription(
  ws: string,
  accountId: string,
  id: string,
  fields: { plan_id?: string; cancelled_at?: string; cancellation_reason?: string } = {},
) {
  await store.db
    .insertInto('subscriptions')
    .values({
      workspace_id: ws,
      id,
      account_id: accountId,
      status: fields.cancelled_at ? 'cancelled' : 'active',
      plan_id: fields.plan_id ?? null,
      cancelled_at: fields.cancelled_at ?? null,
      cancellation_reason: fields.cancellation_reason ?? null,
    })
    .execute();
}

async function plan(ws: string, id: string, name: string, version: string, amount: number, unit = 'month') {
  await store.db
    .insertInto('plans')
    .values({
      workspace_id: ws,
      id,
      name,
      version,
      amount,
      currency: 'USD',
      interval_unit: unit as 'month' | 'year',
      interval_count: 1,
    })
    .execute();
}

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  for (const ws of ['churn-a', 'churn-b', 'price-a', 'price-b']) {
    await createTestWorkspace(store, ws);
    keys[ws] = (await createApiKey({ db: store.db, workspaceId: ws, name: ws })).key;
  }
});
afterAll(() => store.close());

describe(`churn reasons (${engineName})`, () => {
  beforeAll(async () => {
    const ws = 'churn-a';
    // a1: $100 Jan–Mar 2024, churns 2024-04-01; cancelled 03-15 as too expensive.
    await monthly(ws, 'a1', '2024-01-01', 3, 100);
    await subscription(ws, 'a1', 'sub-a1', {
      cancelled_at: '2024-03-15T10:00:00Z',
      cancellation_reason: 'too_expensive',
    });
    // a2: $300 Jan–Feb, churns 2024-03-01; of its two cancelled subscriptions the latest (02-20) counts.
    await monthly(ws, 'a2', '2024-01-01', 2, 300);
    await subscription(ws, 'a2', 'sub-a2-old', {
      cancelled_at: '2023-01-01T00:00:00Z',
      cancellation_reason: 'poor_support',
    });
    await subscription(ws, 'a2', 'sub-a2', {
      cancelled_at: '2024-02-20T00:00:00Z',
      cancellation_reason: 'too_expensive',
    });
    // a3: $200 Jan–Feb, churns 2024-03-01; cancelled only after the churn (03-10): unspecified.
    await monthly(ws, 'a3', '2024-01-01', 2, 200);
    await subscription(ws, 'a3', 'sub-a3', {
      cancelled_at: '2024-03-10T00:00:00Z',
      cancellation_reason: 'missing_features',
    });
    // a4: $50 Jan–Apr, churns 2024-05-01: outside [2024-03-01, 2024-05-01).
    await monthly(ws, 'a4', '2024-01-01', 4, 50);
    await subscription(ws, 'a4', 'sub-a4', {
      cancelled_at: '2024-04-20T00:00:00Z',
      cancellation_reason: 'not_using',
    });
    // a5: cancelled without a reason: the offboarding survey fills it in.
    await monthly(ws, 'a5', '2024-01-01', 2, 80);
    await subscription(ws, 'a5', 'sub-a5', { cancelled_at: '2024-02-25T00:00:00Z' });
    await store.db
      .insertInto('contacts')
      .values({
        workspace_id: ws,
        id: 'c5',
        account_id: 'a5',
        email: 'ana@example.com',
        attributes: JSON.stringify({ locale: 'es-MX' }),
      })
      .execute();
    await recomputeMovements({ db: store.db, workspaceId: ws });
  });

  it('lists the default reasons and lets a manager replace them', async () => {
    const defaults = await call('churn-a', 'GET', '/v1/churn-reasons');
    expect(defaults.json.is_default).toBe(true);
    expect(defaults.json.reasons.map((r: { code: string }) => r.code)).toEqual([
      'too_expensive',
      'missing_features',
      'switched_competitor',
      'poor_support',
      'not_using',
      'business_closed',
      'payment_failed',
      'other',
    ]);
    const saved = await call('churn-b', 'PUT', '/v1/churn-reasons', {
      reasons: [
        { code: 'price', label_en: 'Price', label_es: 'Precio' },
        { code: 'other', label_en: 'Other', label_es: 'Otro', is_active: false },
      ],
    });
    expect(saved.json).toMatchObject({
      is_default: false,
      reasons: [
        { code: 'price', position: 0 },
        { code: 'other', is_active: false },
      ],
    });
    expect((await call('churn-a', 'GET', '/v1/churn-reasons')).json.is_default).toBe(true);
    const bad = await call('churn-b', 'PUT', '/v1/churn-reasons', {
      reasons: [{ code: 'unspecified', label_en: 'x', label_es: 'x' }],
    });
    expect(bad.status).toBe(400);
  });

  it('attributes lost MRR in [from, to) to the latest cancellation reason on or before the churn', async () => {
    const report = await call('churn-a', 'GET', '/v1/churn-reasons/report?from=2024-03-01&to=2024-05-01');
    // Churns in range: a2 $300 (03-01), a3 $200 (03-01), a1 $100 (04-01); total $600. a5 churned 03-01 too,
    // $80, unspecified. Total 680: too_expensive 400 / 680 = 0.588235; unspecified 280 / 680 = 0.411765.
    expect(report.json).toEqual({
      currency: 'USD',
      from: '2024-03-01',
      to: '2024-05-01',
      accounts: 4,
      lost_mrr: 680,
      reasons: [
        {
          code: 'too_expensive',
          label_en: 'Too expensive',
          label_es: 'Demasiado caro',
          accounts: 2,
          lost_mrr: 400,
          share: 0.588235,
          follow_up_playbooks: [],
        },
        {
          code: 'unspecified',
          label_en: 'Unspecified',
          label_es: 'Sin especificar',
          accounts: 2,
          lost_mrr: 280,
          share: 0.411765,
          follow_up_playbooks: [],
        },
      ],
    });
    const empty = await call('churn-b', 'GET', '/v1/churn-reasons/report?from=2024-03-01&to=2024-05-01');
    expect(empty.json).toMatchObject({ accounts: 0, lost_mrr: 0, reasons: [] });
  });

  it("names each reason's follow-up playbooks: enabled ones triggered by a cancellation with that reason", async () => {
    const created = await call('churn-a', 'POST', '/v1/playbooks/from-template/cancelled_too_expensive', {
      is_enabled: true,
    });
    expect(created.status).toBe(201);
    const report = await call('churn-a', 'GET', '/v1/churn-reasons/report?from=2024-03-01&to=2024-05-01');
    const followUps = Object.fromEntries(
      report.json.reasons.map((r: { code: string; follow_up_playbooks: unknown }) => [
        r.code,
        r.follow_up_playbooks,
      ]),
    );
    expect(followUps).toEqual({
      too_expensive: [{ id: 'cancelled-too-expensive', name: 'Cancelled for price: save offer' }],
      unspecified: [],
    });
    await call('churn-a', 'POST', '/v1/playbooks/cancelled-too-expensive/disable');
    const after = await call('churn-a', 'GET', '/v1/churn-reasons/report?from=2024-03-01&to=2024-05-01');
    expect(after.json.reasons[0].follow_up_playbooks).toEqual([]);
  });

  it('serves a signed offboarding survey, refuses a tampered link, and stores the answer', async () => {
    const { url, token } = await createOffboardingLink({
      db: store.db,
      workspaceId: 'churn-a',
      accountId: 'a5',
      contactId: 'c5',
    });
    expect(url).toBe(`http://localhost:4000/offboarding/${token}`);
    const page = await app.request(`/offboarding/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('value="not_using" required> Poco uso');
    const english = await app.request(`/offboarding/${token}?lang=en`);
    expect(await english.text()).toContain('Not using it enough');

    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['churn-a', 'a1', null])).toString('base64url');
    expect((await app.request(`/offboarding/${forged}.${mac}`)).status).toBe(404);
    expect((await app.request(`/offboarding/${payload}.${mac!.slice(1)}x`)).status).toBe(404);
    expect((await app.request(`/offboarding/${payload}`)).status).toBe(404);

    const post = (form: Record<string, string>) =>
      app.request(`/offboarding/${token}`, { method: 'POST', body: new URLSearchParams(form) });
    const invalid = await post({ reason: 'not_using', score: '11' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('role="alert"');
    const sent = await post({ reason: 'not_using', score: '7', comment: 'Volveremos en otoño', lang: 'es' });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Gracias');
    const responses = await store.db
      .selectFrom('survey_responses')
      .select(['account_id', 'contact_id', 'survey', 'score', 'comment'])
      .where('workspace_id', '=', 'churn-a')
      .execute();
    expect(responses).toEqual([
      {
        account_id: 'a5',
        contact_id: 'c5',
        survey: 'offboarding',
        score: '7',
        comment: 'Volveremos en otoño',
      },
    ]);
    const sub = await store.db
      .selectFrom('subscriptions')
      .select(['cancellation_reason', 'cancellation_comment'])
      .where('workspace_id', '=', 'churn-a')
      .where('id', '=', 'sub-a5')
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({ cancellation_reason: 'not_using', cancellation_comment: 'Volveremos en otoño' });
    const report = await call('churn-a', 'GET', '/v1/churn-reasons/report?from=2024-03-01&to=2024-05-01');
    expect(report.json.reasons.find((r: { code: string }) => r.code === 'not_using')).toMatchObject({
      accounts: 1,
      lost_mrr: 80,
    });
    const link = await call('churn-a', 'POST', '/v1/accounts/a5/offboarding-link', {});
    expect(link.json.url).toMatch(/\/offboarding\//);
    expect((await call('churn-b', 'POST', '/v1/accounts/a5/offboarding-link', {})).status).toBe(404);
  });
});

describe(`pricing levers (${engineName})`, () => {
  beforeAll(async () => {
    const ws = 'price-a';
    await plan(ws, 'starter-m', 'Starter monthly', '1', 100);
    await plan(ws, 'starter-y', 'Starter yearly', '1', 1200, 'year');
    // p1: monthly $100 from 2024-01-15 (5 months at 2024-06-15), green: the candidate.
    await monthly(ws, 'p1', '2024-01-15', 6, 100);
    await subscription(ws, 'p1', 'sub-p1', { plan_id: 'starter-m' });
    await insertHealthScore(store.db, ws, 'p1', { date: '2024-05-01', score: 30, band: 'red' });
    await insertHealthScore(store.db, ws, 'p1', { date: '2024-06-10', score: 80, band: 'green' });
    // p2: monthly since 2023-04-15 (14 months), green: too old a customer.
    await monthly(ws, 'p2', '2023-04-15', 15, 100);
    await subscription(ws, 'p2', 'sub-p2', { plan_id: 'starter-m' });
    await insertHealthScore(store.db, ws, 'p2', { date: '2024-06-10', score: 90, band: 'green' });
    // p3: monthly since 2024-02-15, yellow.
    await monthly(ws, 'p3', '2024-02-15', 5, 100);
    await subscription(ws, 'p3', 'sub-p3', { plan_id: 'starter-m' });
    await insertHealthScore(store.db, ws, 'p3', { date: '2024-06-10', score: 55, band: 'yellow' });
    // p4: annual since 2024-01-15, green: already annual.
    await insertInvoice(store.db, {
      workspaceId: ws,
      accountId: 'p4',
      lines: [{ start: '2024-01-15', end: '2025-01-15', amount: 1200 }],
    });
    await subscription(ws, 'p4', 'sub-p4', { plan_id: 'starter-y' });
    await insertHealthScore(store.db, ws, 'p4', { date: '2024-06-10', score: 95, band: 'green' });
    // p5: monthly 2023-09-15 .. 2024-03-15, churned. p6: annual 2023-01-01 .. 2024-01-01, churned.
    await monthly(ws, 'p5', '2023-09-15', 6, 100);
    await insertInvoice(store.db, {
      workspaceId: ws,
      accountId: 'p6',
      lines: [{ start: '2023-01-01', end: '2024-01-01', amount: 1200 }],
    });
    await recomputeMovements({ db: store.db, workspaceId: ws });

    const wb = 'price-b';
    await plan(wb, 'pro-1', 'Pro', '1', 49);
    await plan(wb, 'pro-2', 'Pro', '2', 59);
    await plan(wb, 'team-9', 'Team', '9', 20);
    await plan(wb, 'team-10', 'Team', '10', 30);
    // g1: 3 seats of Pro v1 (3 × 49 = 147 a month); g2 on the newest Pro; g3: 1 seat of Team v9.
    const g1 = await insertInvoice(store.db, {
      workspaceId: wb,
      accountId: 'g1',
      lines: [{ start: '2024-06-01', end: '2024-07-01', amount: 147, planId: 'pro-1' }],
    });
    await store.db.updateTable('invoice_lines').set({ quantity: 3 }).where('invoice_id', '=', g1).execute();
    await subscription(wb, 'g1', 'sub-g1', { plan_id: 'pro-1' });
    await insertInvoice(store.db, {
      workspaceId: wb,
      accountId: 'g2',
      lines: [{ start: '2024-06-01', end: '2024-07-01', amount: 59, planId: 'pro-2' }],
    });
    await subscription(wb, 'g2', 'sub-g2', { plan_id: 'pro-2' });
    await insertInvoice(store.db, {
      workspaceId: wb,
      accountId: 'g3',
      lines: [{ start: '2024-06-01', end: '2024-07-01', amount: 20, planId: 'team-9' }],
    });
    await subscription(wb, 'g3', 'sub-g3', { plan_id: 'team-9' });
    await recomputeMovements({ db: store.db, workspaceId: wb });
  });

  it('finds young, green, monthly accounts and projects their CLV monthly vs annual', async () => {
    const result = await call('price-a', 'GET', '/v1/pricing/annual-candidates?at=2024-06-15&discount=15');
    // Month starts 2023-06-16 … 2024-05-16 (12). Monthly customers at those starts: p1 5 (Jan–May),
    // p2 12, p3 4 (Feb–May), p5 6 (Sep–Feb) = 27 customer-months, 1 churn (p5): r_monthly = 1/27.
    // Annual: p4 5 (Jan–May), p6 7 (Jun–Dec) = 12, 1 churn (p6, 2024-01-01): r_annual = 1/12.
    // Overall 2/39. p1: MRR 100; annual price 100 × 12 × 0.85 = 1020; CLV monthly 100 / (1/27) = 2700;
    // CLV annual 100 × 0.85 / (1/12) = 1020; change −1680.
    expect(result.json).toEqual({
      currency: 'USD',
      at: '2024-06-15',
      discount_percent: 15,
      churn_rates: { monthly: 0.037037, annual: 0.083333, overall: 0.051282 },
      totals: {
        accounts: 1,
        mrr: 100,
        annual_price: 1020,
        clv_monthly: 2700,
        clv_annual: 1020,
        clv_change: -1680,
      },
      candidates: [
        {
          account_id: 'p1',
          name: 'Account p1',
          owner_email: null,
          mrr: 100,
          first_mrr_date: '2024-01-15',
          tenure_months: 5,
          health_band: 'green',
          annual_price: 1020,
          clv_monthly: 2700,
          clv_annual: 1020,
          clv_change: -1680,
        },
      ],
    });
    expect(
      (await call('price-a', 'GET', '/v1/pricing/annual-candidates?at=2024-06-15&discount=100')).status,
    ).toBe(400);
    // A year on, nobody is a candidate, and the churn rates are still reported. Month starts 2024-06-16 …
    // 2025-05-16: p1, p2 and p3 are monthly customers at the first only and all churn on 2024-07-15 (3/3);
    // p4 is an annual customer at 7 starts (Jun–Dec) and churns on 2025-01-15 (1/7); overall 4/10.
    const later = await call('price-a', 'GET', '/v1/pricing/annual-candidates?at=2025-06-15');
    expect(later.json).toEqual({
      currency: 'USD',
      at: '2025-06-15',
      discount_percent: 15,
      churn_rates: { monthly: 1, annual: 0.142857, overall: 0.4 },
      totals: { accounts: 0, mrr: 0, annual_price: 0, clv_monthly: null, clv_annual: null, clv_change: null },
      candidates: [],
    });
  });

  it('finds subscriptions on an older, cheaper plan version and the uplift at the newest price', async () => {
    const result = await call('price-b', 'GET', '/v1/pricing/grandfathered?at=2024-06-15');
    // Pro v1 at 49 vs v2 at 59, 3 seats: 147 → 177, uplift 10 × 3 = 30. Team "9" vs "10" compared as
    // numbers (10 is newer; as text "9" would win): 20 → 30, uplift 10. Totals 167 → 207, uplift 40.
    expect(result.json).toMatchObject({
      currency: 'USD',
      at: '2024-06-15',
      totals: { accounts: 2, mrr: 167, mrr_at_newest: 207, uplift: 40 },
      customers: [
        {
          account_id: 'g1',
          name: 'Account g1',
          subscription_id: 'sub-g1',
          version: '1',
          newest_version: '2',
          quantity: 3,
          mrr: 147,
          mrr_at_newest: 177,
          uplift: 30,
        },
        {
          account_id: 'g3',
          name: 'Account g3',
          subscription_id: 'sub-g3',
          version: '9',
          newest_version: '10',
          quantity: 1,
          mrr: 20,
          mrr_at_newest: 30,
          uplift: 10,
        },
      ],
    });
    expect((await call('price-a', 'GET', '/v1/pricing/grandfathered?at=2024-06-15')).json.customers).toEqual(
      [],
    );
  });
});
