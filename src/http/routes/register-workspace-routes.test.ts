import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBrowser, signIn, type TBrowser } from '../../../test/helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { recomputeMovements } from '../../modules/revenue/recompute-movements.ts';
import { insertFxRate, insertInvoice, monthlyPeriods } from '../../modules/revenue/test-factories.ts';
import type { TRole } from '../../modules/users/roles.ts';
import { insertUser, TEST_PASSWORD } from '../../modules/users/test-factories.ts';
import { createApp } from '../app.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
const browsers = {} as Record<TRole, TBrowser>;
let keyB: string;
let keyEmpty: string;

/**
 * Workspace `ws-a` (USD): `acme` pays 100 USD a month less a 20 USD discount, January to April 2024; `tico`
 * pays 50,000 colones a month, January to March, with CRC rates of 1 January (0.002) and 1 March (0.0025)
 * only — February has none. `ws-b` has a CRC rate and revenue of its own that `ws-a` must never see.
 */
beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  const db = store.db;
  await createTestWorkspace(store, 'ws-a');
  await insertFxRate(db, 'ws-a', 'CRC', '2024-01-01', '0.002');
  await insertFxRate(db, 'ws-a', 'CRC', '2024-03-01', '0.0025');
  for (const period of monthlyPeriods('2024-01-01', 4)) {
    await insertInvoice(db, {
      workspaceId: 'ws-a',
      accountId: 'acme',
      lines: [{ ...period, amount: 100, discount: 20 }],
    });
  }
  for (const period of monthlyPeriods('2024-01-01', 3)) {
    await insertInvoice(db, {
      workspaceId: 'ws-a',
      accountId: 'tico',
      currency: 'CRC',
      lines: [{ ...period, amount: 50000 }],
    });
  }
  await recomputeMovements({ db, workspaceId: 'ws-a' });
  await createTestWorkspace(store, 'ws-b');
  await insertFxRate(db, 'ws-b', 'CRC', '2024-02-01', '0.5');
  await insertInvoice(db, {
    workspaceId: 'ws-b',
    accountId: 'globex',
    currency: 'CRC',
    lines: [{ amount: 1000, start: '2024-02-01', end: '2024-03-01' }],
  });
  await recomputeMovements({ db, workspaceId: 'ws-b' });
  await createTestWorkspace(store, 'ws-empty');
  for (const role of ['viewer', 'csm', 'manager', 'admin'] as const) {
    const user = await insertUser(db, { workspaceId: 'ws-a', role });
    browsers[role] = await signIn(app, { workspace: 'ws-a', email: user.email, password: TEST_PASSWORD });
  }
  keyB = (await createApiKey({ db, workspaceId: 'ws-b', name: 'b' })).key;
  keyEmpty = (await createApiKey({ db, workspaceId: 'ws-empty', name: 'e' })).key;
});
afterAll(() => store.close());

const send = async (role: TRole, method: string, path: string, body?: unknown) => {
  const response = await app.request(path, asBrowser(browsers[role], method, body));
  return { status: response.status, body: (await response.json()) as any };
};
const withKey = async (key: string, method: string, path: string, body?: unknown) => {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

describe(`/v1/workspace (${engineName})`, () => {
  it('shows every signed-in role the currency, time zone, metric options and whether data is held', async () => {
    const { status, body } = await send('viewer', 'GET', '/v1/workspace');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'ws-a',
      reporting_currency: 'USD',
      timezone: 'UTC',
      has_data: true,
      settings: { 'mrr.discounts': 'deduct', 'ltv.gross_margin': 1, 'renewal.min_interval_months': 12 },
    });
    expect((await withKey(keyEmpty, 'GET', '/v1/workspace')).body).toMatchObject({
      id: 'ws-empty',
      has_data: false,
    });
  });

  it('lets only an admin change options; ignoring discounts recomputes MRR at once', async () => {
    const mrr = async () => (await send('viewer', 'GET', '/v1/mrr?at=2024-02-15')).body.mrr;
    // metrics.md "MRR of an invoice line": amount − discount under `deduct` (80 + 50,000 × 0.002).
    expect(await mrr()).toBe(180);
    for (const role of ['viewer', 'csm', 'manager'] as const) {
      const refused = await send(role, 'PATCH', '/v1/workspace', { settings: { 'mrr.discounts': 'ignore' } });
      expect(refused.status, role).toBe(403);
      expect(refused.body.error.message).toContain('needs the admin role');
    }
    expect(await mrr()).toBe(180);
    const changed = await send('admin', 'PATCH', '/v1/workspace', {
      settings: { 'mrr.discounts': 'ignore' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ 'mrr.discounts': 'ignore', 'ltv.gross_margin': 1 });
    // `ignore`: the full 100 counts.
    expect(await mrr()).toBe(200);
    const back = await send('admin', 'PATCH', '/v1/workspace', { settings: { 'mrr.discounts': 'deduct' } });
    expect(back.body.settings['mrr.discounts']).toBe('deduct');
    expect(await mrr()).toBe(180);
  });

  it('answers 409 to a currency or time zone change once the workspace holds data, and 400 naming a bad option', async () => {
    const currency = await send('admin', 'PATCH', '/v1/workspace', { reporting_currency: 'EUR' });
    expect([currency.status, currency.body.error.code]).toEqual([409, 'conflict']);
    expect(currency.body.error.message).toContain('already holds data');
    const zone = await send('admin', 'PATCH', '/v1/workspace', { timezone: 'America/Costa_Rica' });
    expect(zone.status).toBe(409);
    const margin = await send('admin', 'PATCH', '/v1/workspace', { settings: { 'ltv.gross_margin': 2 } });
    expect([margin.status, margin.body.error.code]).toEqual([400, 'invalid_input']);
    expect(margin.body.error.message).toContain('ltv.gross_margin');
    const typo = await send('admin', 'PATCH', '/v1/workspace', { settings: { 'mrr.discount': 'ignore' } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('"mrr.discount"');
    const stray = await send('admin', 'PATCH', '/v1/workspace', { currency: 'EUR' });
    expect(stray.status).toBe(400);
    expect((await send('viewer', 'GET', '/v1/workspace')).body).toMatchObject({
      reporting_currency: 'USD',
      timezone: 'UTC',
      settings: { 'ltv.gross_margin': 1 },
    });
  });

  it('changes currency and time zone of an empty workspace', async () => {
    const { status, body } = await withKey(keyEmpty, 'PATCH', '/v1/workspace', {
      reporting_currency: 'crc',
      timezone: 'America/Costa_Rica',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      reporting_currency: 'CRC',
      timezone: 'America/Costa_Rica',
      has_data: false,
    });
    expect((await withKey(keyEmpty, 'PATCH', '/v1/workspace', { reporting_currency: 'XYZ' })).status).toBe(
      400,
    );
  });
});

describe(`/v1/fx-rates (${engineName})`, () => {
  it('lists this workspace rates newest first, paged and filtered; never another workspace', async () => {
    const all = await send('viewer', 'GET', '/v1/fx-rates');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ reporting_currency: 'USD', total: 2, limit: 100, offset: 0 });
    expect(all.body.rates).toEqual([
      { currency: 'CRC', date: '2024-03-01', rate: '0.0025' },
      { currency: 'CRC', date: '2024-01-01', rate: '0.002' },
    ]);
    const second = await send('viewer', 'GET', '/v1/fx-rates?limit=1&offset=1');
    expect(second.body.rates).toEqual([{ currency: 'CRC', date: '2024-01-01', rate: '0.002' }]);
    expect((await send('viewer', 'GET', '/v1/fx-rates?from=2024-02-01&currency=crc')).body.total).toBe(1);
    expect((await send('viewer', 'GET', '/v1/fx-rates?currency=EUR')).body.total).toBe(0);
    expect((await send('viewer', 'GET', '/v1/fx-rates?to=2024-13-01')).status).toBe(400);
    expect((await send('viewer', 'GET', '/v1/fx-rates?limit=0')).status).toBe(400);
    const b = await withKey(keyB, 'GET', '/v1/fx-rates');
    expect(b.body.rates).toEqual([{ currency: 'CRC', date: '2024-02-01', rate: '0.5' }]);
  });

  it('reports the months whose CRC amounts have no rate of their own, and what they fall back to', async () => {
    const { status, body } = await send('viewer', 'GET', '/v1/fx-rates/coverage');
    expect(status).toBe(200);
    expect(
      body.currencies.map((c: any) => [c.currency, c.is_reporting, c.records, c.months_missing]),
    ).toEqual([
      ['USD', true, 8, 0],
      ['CRC', false, 6, 1],
    ]);
    expect(body.missing_months).toEqual([
      { currency: 'CRC', month: '2024-02', records: 2, fallback: { date: '2024-01-01', rate: '0.002' } },
    ]);
    expect((await withKey(keyB, 'GET', '/v1/fx-rates/coverage')).body.missing_months).toEqual([]);
  });

  it('lets only an admin delete a rate, recomputing MRR; 409 when amounts need it, 404 across workspaces', async () => {
    const mrr = async () => (await send('viewer', 'GET', '/v1/mrr?at=2024-03-15')).body.mrr;
    expect(await mrr()).toBe(80 + 125);
    for (const role of ['viewer', 'csm', 'manager'] as const) {
      expect((await send(role, 'DELETE', '/v1/fx-rates/CRC/2024-03-01')).status, role).toBe(403);
    }
    const needed = await send('admin', 'DELETE', '/v1/fx-rates/CRC/2024-01-01');
    expect([needed.status, needed.body.error.code]).toEqual([409, 'conflict']);
    expect(needed.body.error.message).toContain('add an earlier CRC rate first');
    expect((await send('admin', 'DELETE', '/v1/fx-rates/CRC/2024-02-01')).status).toBe(404);
    const deleted = await send('admin', 'DELETE', '/v1/fx-rates/crc/2024-03-01');
    expect(deleted).toEqual({
      status: 200,
      body: { deleted: { currency: 'CRC', date: '2024-03-01', rate: '0.0025' } },
    });
    // March's colones now convert at January's rate.
    expect(await mrr()).toBe(80 + 100);
    expect((await send('viewer', 'GET', '/v1/fx-rates')).body.total).toBe(1);
    expect((await withKey(keyB, 'GET', '/v1/fx-rates')).body.total).toBe(1);
  });
});
