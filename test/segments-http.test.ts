import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertAccounts, insertLongMrr } from '../src/modules/segments/test-factories.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

describe(`segments and accounts API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let keyA: string;
  let keyB: string;
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    store = await openTestStore();
    for (const ws of ['http-a', 'http-b']) await createTestWorkspace(store, ws);
    await insertAccounts(store.db, 'http-a', [
      { id: 'big', name: 'Big Co', attributes: { industry: 'retail' } },
      { id: 'small', name: 'Small Co', attributes: { industry: 'retail' } },
    ]);
    await insertLongMrr(store.db, 'http-a', 'big', 900);
    await insertLongMrr(store.db, 'http-a', 'small', 90);
    await recomputeMovements({ db: store.db, workspaceId: 'http-a' });
    await insertAccounts(store.db, 'http-b', [
      { id: 'big', name: 'B Big', attributes: { industry: 'retail' } },
    ]);
    keyA = (await createApiKey({ db: store.db, workspaceId: 'http-a', name: 'a' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'http-b', name: 'b' })).key;
    app = createApp({ store });
  });
  afterAll(() => store.close());

  it('creates, shows, lists, updates, pages and deletes a segment', async () => {
    const created = await call(keyA, 'POST', '/v1/segments', {
      name: 'Retail big',
      filter: 'attributes.industry = "retail" and mrr > 100',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'retail-big', member_count: 1 });
    expect((await call(keyA, 'GET', '/v1/segments/retail-big')).json.member_count).toBe(1);
    expect((await call(keyA, 'GET', '/v1/segments')).json.segments.map((s: { id: string }) => s.id)).toEqual([
      'retail-big',
    ]);
    const updated = await call(keyA, 'PUT', '/v1/segments/retail-big', {
      filter: 'attributes.industry = "retail"',
    });
    expect(updated).toMatchObject({ status: 200, json: { member_count: 2 } });
    const members = await call(keyA, 'GET', '/v1/segments/retail-big/members?limit=1&offset=1');
    expect(members.json.total).toBe(2);
    expect(members.json.members).toMatchObject([{ account_id: 'small', name: 'Small Co', mrr: 90 }]);
    const events = await call(
      keyA,
      'GET',
      '/v1/lifecycle-events?segment_id=retail-big&types=segment_entered',
    );
    expect(events.json.events.map((e: { account_id: string }) => e.account_id).sort()).toEqual([
      'big',
      'small',
    ]);
    expect((await call(keyA, 'DELETE', '/v1/segments/retail-big')).json).toEqual({
      id: 'retail-big',
      deleted: true,
    });
    expect((await call(keyA, 'GET', '/v1/segments/retail-big')).status).toBe(404);
  });

  it('answers a bad filter with 400, the column and the known fields', async () => {
    const response = await call(keyA, 'POST', '/v1/segments/preview', { filter: 'mrr > 1 and plan = "x"' });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_input');
    expect(response.json.error.message).toMatch(/unknown field "plan" .* at column 13$/);
    expect(response.json.error.details.known_fields).toContain('tier');
    const conflict = await call(keyA, 'POST', '/v1/segments', { id: 'x', name: 'X', filter: 'mrr > 0' });
    expect(conflict.status).toBe(201);
    expect((await call(keyA, 'POST', '/v1/segments', { id: 'x', name: 'X', filter: 'mrr > 0' })).status).toBe(
      409,
    );
  });

  it('previews, lists accounts with totals, and classifies', async () => {
    const preview = await call(keyA, 'POST', '/v1/segments/preview', {
      filter: `name = "x'; drop table accounts; --" or mrr > 100`,
    });
    expect(preview.json).toMatchObject({ count: 1, members: [{ account_id: 'big', mrr: 900 }] });
    const classified = await call(keyA, 'POST', '/v1/lifecycle/classify');
    expect(classified.json).toMatchObject({ accounts: 2, tier_changes: 2, stage_changes: 2 });
    const page = await call(keyA, 'GET', '/v1/accounts?sort=-mrr&limit=1&q=co');
    expect(page.json).toMatchObject({
      total: 2,
      limit: 1,
      offset: 0,
      accounts: [{ account_id: 'big', tier: 'vip', stage: 'adoption' }],
    });
    expect(
      (await call(keyA, 'GET', '/v1/accounts?tier=vip')).json.accounts.map(
        (a: { account_id: string }) => a.account_id,
      ),
    ).toEqual(['big']);
    expect((await call(keyA, 'GET', '/v1/accounts?sort=bogus')).status).toBe(400);
  });

  it('keeps workspace B away from A’s segments, members, accounts and events', async () => {
    expect((await call(keyB, 'GET', '/v1/segments')).json.segments).toEqual([]);
    expect((await call(keyB, 'GET', '/v1/segments/x')).status).toBe(404);
    expect((await call(keyB, 'GET', '/v1/segments/x/members')).status).toBe(404);
    expect((await call(keyB, 'PUT', '/v1/segments/x', { name: 'mine' })).status).toBe(404);
    expect((await call(keyB, 'DELETE', '/v1/segments/x')).status).toBe(404);
    expect((await call(keyA, 'GET', '/v1/segments/x')).status).toBe(200);
    const accounts = await call(keyB, 'GET', '/v1/accounts');
    expect(accounts.json.accounts.map((a: { name: string }) => a.name)).toEqual(['B Big']);
    const segment = await call(keyB, 'POST', '/v1/segments', {
      id: 'x',
      name: 'Retail',
      filter: 'attributes.industry = "retail"',
    });
    expect(segment.json.member_count).toBe(1);
    const members = await call(keyB, 'GET', '/v1/segments/x/members');
    expect(members.json.members.map((m: { name: string }) => m.name)).toEqual(['B Big']);
    const events = await call(keyB, 'GET', '/v1/lifecycle-events');
    expect(
      events.json.events.map((e: { account_id: string; type: string }) => `${e.type}:${e.account_id}`),
    ).toEqual(['segment_entered:big']);
  });
});
