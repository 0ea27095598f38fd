import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import {
  insertContacts,
  insertResponses,
  insertSegment,
  insertTickets,
} from '../../modules/success/test-factories.ts';
import { createApp } from '../app.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  const db = store.db;
  // Workspace A: acme has a promoter and a detractor in March, initech a promoter; one ticket.
  await createTestWorkspace(store, 'ws-a');
  await insertContacts(db, 'ws-a', 'acme', ['ann', 'bob']);
  await insertResponses(db, 'ws-a', 'acme', [
    { contactId: 'ann', score: 10, at: '2024-03-04' },
    { contactId: 'bob', score: 3, at: '2024-03-05' },
  ]);
  await insertResponses(db, 'ws-a', 'initech', [{ score: 9, at: '2024-03-06' }]);
  await insertTickets(db, 'ws-a', 'acme', [
    { openedAt: '2024-03-02', resolvedAt: '2024-03-02', agentReplies: 1 },
  ]);
  await insertSegment(db, 'ws-a', 'big', ['acme']);
  // Workspace B: numbers that must never show up in A's answers.
  await createTestWorkspace(store, 'ws-b');
  await insertResponses(
    db,
    'ws-b',
    'globex',
    Array.from({ length: 7 }, () => ({ score: 0, at: '2024-03-10' })),
  );
  await insertSegment(db, 'ws-b', 'b-seg', ['globex']);
  keyA = (await createApiKey({ db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

async function get(path: string, key: string, status = 200) {
  const response = await app.request(path, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(status);
  return response.json() as Promise<any>;
}

describe(`GET /v1/metrics/cs (${engineName})`, () => {
  it('serves the customer success metrics of shared/spec/cli.md per period', async () => {
    const body = await get('/v1/metrics/cs?from=2024-02&to=2024-03', keyA);
    expect(body).toMatchObject({ currency: 'USD', interval: 'month', accounts: null });
    expect(body.periods.map((p: any) => p.period)).toEqual(['2024-02', '2024-03']);
    // March: 2 promoters, 1 detractor of 3 → NPS 33.3; one ticket, resolved in the first contact.
    expect(body.periods[1]).toMatchObject({
      start: '2024-03-01',
      end: '2024-03-31',
      nps: 33.3,
      nps_responses: 3,
      promoters: 2,
      passives: 0,
      detractors: 1,
      tickets_opened: 1,
      first_contact_resolution_rate: 1,
      csat: null,
    });
  });

  it('filters by account and by segment', async () => {
    const acme = await get('/v1/metrics/cs?from=2024-03&to=2024-03&account_id=acme', keyA);
    expect(acme).toMatchObject({ accounts: 1, note: expect.any(String) });
    expect(acme.periods[0]).toMatchObject({ nps: 0, nps_responses: 2 });
    const initech = await get('/v1/metrics/cs?from=2024-03&to=2024-03&account_id=initech', keyA);
    expect(initech.periods[0]).toMatchObject({ nps: 100, nps_responses: 1, tickets_opened: 0 });
    const big = await get('/v1/metrics/cs?from=2024-03&to=2024-03&segment_id=big', keyA);
    expect(big.periods[0]).toMatchObject({ nps: 0, nps_responses: 2 });
  });

  it("shows a key only its own workspace's figures", async () => {
    const a = JSON.stringify(await get('/v1/metrics/cs?from=2024-03&to=2024-03', keyA));
    expect(a).not.toContain('"nps_responses":7');
    const b = await get('/v1/metrics/cs?from=2024-03&to=2024-03', keyB);
    expect(b.periods[0]).toMatchObject({ nps: -100, nps_responses: 7 });
    // Another workspace's account is unknown here, and its segment has no members here.
    const foreign = await get('/v1/metrics/cs?from=2024-03&to=2024-03&account_id=globex', keyA, 404);
    expect(foreign.error.code).toBe('not_found');
    const foreignSegment = await get('/v1/metrics/cs?from=2024-03&to=2024-03&segment_id=b-seg', keyA);
    expect(foreignSegment).toMatchObject({ accounts: 0 });
    expect(foreignSegment.periods[0]).toMatchObject({ nps: null, nps_responses: 0 });
  });

  it('answers 400 for a malformed period and 401 without a key', async () => {
    const bad = await get('/v1/metrics/cs?from=2024-13&to=2024-03', keyA, 400);
    expect(bad.error.code).toBe('invalid_input');
    expect((await app.request('/v1/metrics/cs?from=2024-03&to=2024-03')).status).toBe(401);
  });

  it('is described in the OpenAPI document under the metrics tag', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as any;
    expect(doc.paths['/v1/metrics/cs'].get.tags).toEqual(['metrics']);
  });
});
