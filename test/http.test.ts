import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb, TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { revokeApiKey } from '../src/modules/api-keys/revoke-api-key.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';
import { MARCH_2024 } from './helpers/revenue-fixture.ts';
import { engineName, openTestStore } from './helpers/store.ts';

type TMonthlyLine = { month: string; amount: number };

/**
 * A small revenue history written as plain rows (accounts, invoices, invoice lines), one paid invoice per
 * month with one subscription line, then the movements derived from them.
 */
async function insertRevenueFixture(
  db: TDb,
  workspaceId: string,
  accounts: { id: string; name: string; months: TMonthlyLine[] }[],
  reportingCurrency = 'USD',
): Promise<void> {
  await ensureWorkspace({ db, workspaceId, reportingCurrency });
  for (const account of accounts) {
    await db
      .insertInto('accounts')
      .values({ workspace_id: workspaceId, id: account.id, name: account.name })
      .execute();
    for (const { month, amount } of account.months) {
      const start = `${month}-01`;
      const next = new Date(`${start}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const end = next.toISOString().slice(0, 10);
      const invoiceId = `${account.id}-${month}`;
      await db
        .insertInto('invoices')
        .values({
          workspace_id: workspaceId,
          id: invoiceId,
          account_id: account.id,
          issued_at: `${start}T00:00:00Z`,
          currency: reportingCurrency,
          status: 'paid',
        })
        .execute();
      await db
        .insertInto('invoice_lines')
        .values({
          workspace_id: workspaceId,
          id: `${invoiceId}-1`,
          invoice_id: invoiceId,
          type: 'subscription',
          subscription_id: `sub-${account.id}`,
          service_start: start,
          service_end: end,
          quantity: 1,
          amount,
          discount: 0,
          tax: 0,
        })
        .execute();
    }
  }
  await recomputeMovements({ db, workspaceId });
}

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  // Workspace A: acme pays 100/month from January, expands to 160 in March (shared/spec/cli.md examples).
  await insertRevenueFixture(store.db, 'ws-a', [
    {
      id: 'acme',
      name: 'Acme',
      months: [
        { month: '2024-01', amount: 100 },
        { month: '2024-02', amount: 100 },
        { month: '2024-03', amount: 160 },
        { month: '2024-04', amount: 160 },
      ],
    },
  ]);
  // Workspace B: numbers that must never show up in A's answers.
  await insertRevenueFixture(store.db, 'ws-b', [
    {
      id: 'globex',
      name: 'Globex',
      months: [
        { month: '2024-02', amount: 7777 },
        { month: '2024-03', amount: 7777 },
      ],
    },
  ]);
  keyA = (await createApiKey({ db: store.db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db: store.db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

const get = (path: string, key?: string) =>
  app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });

async function json(path: string, key?: string, status = 200) {
  const response = await get(path, key);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  return response.json() as Promise<any>;
}

describe(`HTTP API (${engineName})`, () => {
  it('answers /healthz without a key, after checking the database', async () => {
    expect(await json('/healthz')).toEqual({ status: 'ok', engine: store.engine });
  });

  it('publishes an OpenAPI 3.1 document of every /v1 route with bearer auth', async () => {
    const doc = await json('/v1/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    // Every route the app serves under /v1 is in the document (Hono writes `:id` where OpenAPI has `{id}`).
    const served = app.routes
      .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL' && r.path !== '/v1/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/metrics/cohorts',
        '/v1/metrics/movements',
        '/v1/metrics/movements/{account_id}/{date}/lines',
        '/v1/metrics/renewals',
        '/v1/metrics/revenue',
        '/v1/mrr',
      ]),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/mrr'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('answers 401 with one identical body for a missing, malformed, unknown or revoked key', async () => {
    const revoked = await createApiKey({ db: store.db, workspaceId: 'ws-a', name: 'old' });
    await revokeApiKey({ db: store.db, workspaceId: 'ws-a', id: revoked.id });
    const attempts = [
      await get('/v1/mrr'),
      await app.request('/v1/mrr', { headers: { authorization: 'Basic abc' } }),
      await get('/v1/mrr', 'tnr_short'),
      await get('/v1/mrr', `tnr_${'x'.repeat(43)}`),
      await get('/v1/mrr', revoked.key),
      await get('/v1/no-such-route'),
    ];
    const bodies = await Promise.all(attempts.map((r) => r.text()));
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({
      error: { code: 'unauthorized', message: 'missing or invalid API key' },
    });
  });

  it("shows a key only its own workspace's numbers", async () => {
    const a = await json('/v1/mrr?at=2024-03-15', keyA);
    const b = await json('/v1/mrr?at=2024-03-15', keyB);
    expect(a).toEqual({ date: '2024-03-15', currency: 'USD', mrr: 160, arr: 1920, customers: 1 });
    expect(b).toMatchObject({ mrr: 7777, customers: 1 });
    const movementsA = JSON.stringify(await json('/v1/metrics/movements', keyA));
    expect(movementsA).not.toContain('globex');
    expect(movementsA).not.toContain('7777');
    const traced = await get('/v1/metrics/movements/globex/2024-02-01/lines', keyA);
    expect(await traced.text()).not.toContain('7777');
  });

  it('serves revenue metrics per period in the shape of shared/spec/cli.md', async () => {
    const body = await json('/v1/metrics/revenue?from=2024-02&to=2024-03', keyA);
    expect(body).toMatchObject({ currency: 'USD', interval: 'month' });
    expect(body.periods.map((p: any) => p.period)).toEqual(['2024-02', '2024-03']);
    expect(body.periods[1]).toMatchObject(MARCH_2024);
  });

  it('lists movements with filters, and traces one to its invoice lines', async () => {
    const all = await json('/v1/metrics/movements', keyA);
    expect(all).toEqual({
      currency: 'USD',
      movements: [
        expect.objectContaining({
          date: '2024-01-01',
          account_id: 'acme',
          type: 'new',
          amount: 100,
          mrr_before: 0,
          mrr_after: 100,
        }),
        expect.objectContaining({
          date: '2024-03-01',
          account_id: 'acme',
          type: 'expansion',
          amount: 60,
          mrr_before: 100,
          mrr_after: 160,
        }),
        expect.objectContaining({
          date: '2024-05-01',
          account_id: 'acme',
          type: 'churn',
          amount: 160,
          mrr_before: 160,
          mrr_after: 0,
        }),
      ],
    });
    const expansions = await json('/v1/metrics/movements?type=expansion&from=2024-02-01&to=2024-12-31', keyA);
    expect(expansions.movements.map((m: any) => m.date)).toEqual(['2024-03-01']);
    const paged = await json('/v1/metrics/movements?limit=1&offset=1', keyA);
    expect(paged.movements.map((m: any) => m.date)).toEqual(['2024-03-01']);
    const lines = JSON.stringify(await json('/v1/metrics/movements/acme/2024-03-01/lines', keyA));
    expect(lines).toContain('acme-2024-03-1');
  });

  it('serves cohorts and renewals', async () => {
    const cohorts = await json('/v1/metrics/cohorts?from=2024-01&to=2024-01', keyA);
    expect(cohorts.currency).toBe('USD');
    expect(cohorts.cohorts[0]).toMatchObject({ cohort: '2024-01', customers: 1, starting_mrr: 100 });
    expect(cohorts.cohorts[0].months[0]).toMatchObject({ month_index: 0, period: '2024-01' });
    const renewals = await json('/v1/metrics/renewals?from=2024-01&to=2024-03', keyA);
    expect(renewals.currency).toBe('USD');
    expect(renewals.periods).toHaveLength(3);
    expect(renewals.periods[0]).toMatchObject({ period: '2024-01', start: '2024-01-01', end: '2024-01-31' });
  });

  it('answers 400 with the issues for bad query parameters', async () => {
    for (const path of [
      '/v1/metrics/revenue?from=2024-13&to=2024-03',
      '/v1/metrics/revenue?from=2024-01',
      '/v1/metrics/revenue?from=2024-01&to=2024-03&interval=fortnight',
      '/v1/mrr?at=2024-02-30',
      '/v1/metrics/movements?type=upsell',
      '/v1/metrics/movements?limit=-1',
    ]) {
      const body = await json(path, keyA, 400);
      expect(body.error.code, path).toBe('invalid_input');
      expect(body.error.issues.length, path).toBeGreaterThan(0);
    }
  });

  it('answers unknown API routes and missing dashboard assets with a JSON 404', async () => {
    expect((await json('/v1/nothing-here', keyA, 404)).error.code).toBe('not_found');
    // Other paths belong to the dashboard (its pages route in the browser), but a missing asset is missing.
    expect((await json('/assets/nothing-here.js', undefined, 404)).error.code).toBe('not_found');
  });
});
