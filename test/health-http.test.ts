import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createScorecard } from '../src/modules/health/create-scorecard.ts';
import {
  insertAccount,
  insertLogins,
  insertTicket,
  TEST_SCORECARD,
} from '../src/modules/health/health-test-factories.ts';
import { createSegment } from '../src/modules/segments/create-segment.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

/** Workspace A scores a1 and a2 with the test scorecard; workspace B has its own account and scorecard. */
beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  const db = store.db;
  await createTestWorkspace(store, 'ws-a');
  await createTestWorkspace(store, 'ws-b');
  await createScorecard({ db, workspaceId: 'ws-a', id: 'main', definition: TEST_SCORECARD, isDefault: true });
  await createScorecard({
    db,
    workspaceId: 'ws-b',
    id: 'secret',
    definition: TEST_SCORECARD,
    isDefault: true,
  });
  await insertAccount(db, 'ws-a', 'a1', 'Acme');
  await insertAccount(db, 'ws-a', 'a2', 'Initech');
  await insertAccount(db, 'ws-b', 'b1', 'Globex');
  // a1 on Mar 10: 7 logins in the week → 70, 2 open tickets → 50: 60, yellow. a2: 35 logins → 100,
  // nothing open → 100.
  await insertLogins(db, 'ws-a', 'a1', { from: '2026-03-04', to: '2026-03-10', quantity: 1 });
  await insertLogins(db, 'ws-a', 'a2', { from: '2026-03-04', to: '2026-03-10', quantity: 5 });
  await insertTicket(db, 'ws-a', 'a1', { openedAt: '2026-03-01' });
  await insertTicket(db, 'ws-a', 'a1', { openedAt: '2026-03-02' });
  keyA = (await createApiKey({ db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

async function call(method: string, path: string, key: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const NEW_CARD = {
  id: 'enterprise',
  name: 'Enterprise',
  applies_to: { stage: 'adoption' },
  measures: [
    {
      key: 'logins',
      label: 'Logins',
      metric: 'event_count:login:7',
      weight: 1,
      rule: { type: 'linear', worst: 0, best: 5 },
    },
  ],
};

describe(`health HTTP API (${engineName})`, () => {
  it('POST /v1/health/recompute stores the scores of a day', async () => {
    const { status, body } = await call('POST', '/v1/health/recompute', keyA, { at: '2026-03-10' });
    expect(status).toBe(200);
    expect(body).toEqual({ date: '2026-03-10', scored: 2, removed: 0, band_changes: 0 });
    const one = await call('POST', '/v1/health/recompute', keyA, { at: '2026-03-10', account_ids: ['a1'] });
    expect(one.body.scored).toBe(1);
    const today = await call('POST', '/v1/health/recompute', keyA);
    expect(today.status).toBe(200);
    expect(today.body.scored).toBe(2);
    const bad = await call('POST', '/v1/health/recompute', keyA, { at: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('at');
  });

  it('GET /v1/health gives the distribution and the accounts from the lowest score', async () => {
    const { status, body } = await call('GET', '/v1/health?at=2026-03-10', keyA);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      date: '2026-03-10',
      total: 2,
      distribution: { red: 0, yellow: 1, green: 1 },
    });
    expect(body.accounts.map((a: any) => [a.account_id, a.score, a.band, a.scorecard])).toEqual([
      ['a1', 60, 'yellow', 'main'],
      ['a2', 100, 'green', 'main'],
    ]);
    const yellow = await call('GET', '/v1/health?at=2026-03-10&band=yellow&limit=1', keyA);
    expect(yellow.body.accounts.map((a: any) => a.account_id)).toEqual(['a1']);
  });

  it('GET /v1/health/accounts/{id} explains the score', async () => {
    const { status, body } = await call('GET', '/v1/health/accounts/a1?at=2026-03-10', keyA);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      account_id: 'a1',
      score: 60,
      band: 'yellow',
      scorecard: { id: 'main', version: 1 },
    });
    expect(body.explanation.map((m: any) => [m.key, m.value, m.contribution])).toEqual([
      ['open_tickets', 2, 25],
      ['logins', 7, 35],
    ]);
  });

  it('creates, lists, shows and versions scorecards', async () => {
    const created = await call('POST', '/v1/health/scorecards', keyA, NEW_CARD);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'enterprise', version: 1, applies_to: { stage: 'adoption' } });
    expect((await call('POST', '/v1/health/scorecards', keyA, NEW_CARD)).status).toBe(409);
    const updated = await call('PUT', '/v1/health/scorecards/enterprise', keyA, {
      ...NEW_CARD,
      name: 'Enterprise 2',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: 'enterprise', version: 2, name: 'Enterprise 2' });
    const list = await call('GET', '/v1/health/scorecards', keyA);
    expect(list.body.scorecards.map((s: any) => [s.id, s.version])).toEqual([
      ['main', 1],
      ['enterprise', 2],
    ]);
    const v1 = await call('GET', '/v1/health/scorecards/enterprise?version=1', keyA);
    expect(v1.body).toMatchObject({ version: 1, name: 'Enterprise' });
    expect(v1.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect((await call('PUT', '/v1/health/scorecards/missing', keyA, NEW_CARD)).status).toBe(400);
    expect(
      (await call('PUT', '/v1/health/scorecards/missing', keyA, { ...NEW_CARD, id: undefined })).status,
    ).toBe(404);
  });

  it('answers 400 naming the path of an invalid scorecard field or query parameter', async () => {
    const bad = {
      ...NEW_CARD,
      id: 'bad-card',
      measures: [{ ...NEW_CARD.measures[0], rule: { type: 'linear', worst: 3, best: 3 } }],
    };
    const { status, body } = await call('POST', '/v1/health/scorecards', keyA, bad);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('measures.0.rule.best');
    const query = await call('GET', '/v1/health?band=purple', keyA);
    expect(query.status).toBe(400);
    expect(query.body.error.message).toContain('band');
  });

  it('GET /v1/health/measures lists the catalog; GET /v1/health/backtest runs', async () => {
    const measures = await call('GET', '/v1/health/measures', keyA);
    expect(measures.status).toBe(200);
    expect(measures.body.measures.map((m: any) => m.metric)).toContain('open_tickets');
    const backtest = await call('GET', '/v1/health/backtest?horizon=30', keyA);
    expect(backtest.status).toBe(200);
    expect(backtest.body).toMatchObject({ horizon_days: 30, scorecard: { id: 'main', version: 1 } });
  });

  it("keeps workspaces apart: B's key cannot read A's account health or scorecards", async () => {
    expect((await call('GET', '/v1/health/accounts/a1?at=2026-03-10', keyB)).status).toBe(404);
    expect((await call('GET', '/v1/health/scorecards/main', keyB)).status).toBe(404);
    expect((await call('PUT', '/v1/health/scorecards/enterprise', keyB, NEW_CARD)).status).toBe(404);
    const list = await call('GET', '/v1/health/scorecards', keyB);
    expect(list.body.scorecards.map((s: any) => s.id)).toEqual(['secret']);
    const portfolio = await call('GET', '/v1/health?at=2026-03-10', keyB);
    expect(portfolio.body.accounts.map((a: any) => a.account_id)).toEqual(['b1']);
    const recompute = await call('POST', '/v1/health/recompute', keyB, {
      at: '2026-03-10',
      account_ids: ['a1'],
    });
    expect(recompute.body.scored).toBe(0);
    const a1 = await call('GET', '/v1/health/accounts/a1?at=2026-03-10', keyA);
    expect(a1.body.score).toBe(60);
  });

  it("GET /v1/health/segments counts each segment's members per band, one workspace only", async () => {
    await createSegment({ db: store.db, workspaceId: 'ws-a', id: 'both', name: 'Both', filter: 'id != ""' });
    await createSegment({ db: store.db, workspaceId: 'ws-a', id: 'one', name: 'One', filter: 'id = "a1"' });
    await createSegment({
      db: store.db,
      workspaceId: 'ws-b',
      id: 'both',
      name: 'Theirs',
      filter: 'id != ""',
    });
    const a = await call('GET', '/v1/health/segments?at=2026-03-10', keyA);
    expect(a.status).toBe(200);
    // a1 60 (yellow) and a2 100 (green) on Mar 10.
    expect(a.body).toEqual({
      date: '2026-03-10',
      segments: [
        { segment_id: 'both', name: 'Both', members: 2, red: 0, yellow: 1, green: 1, unscored: 0 },
        { segment_id: 'one', name: 'One', members: 1, red: 0, yellow: 1, green: 0, unscored: 0 },
      ],
    });
    // B sees its own segment of the same id, over its one account, and nothing of A's.
    const b = await call('GET', '/v1/health/segments?at=2026-03-10', keyB);
    expect(b.body.segments).toHaveLength(1);
    expect(b.body.segments[0]).toMatchObject({ segment_id: 'both', name: 'Theirs', members: 1 });
    const bad = await call('GET', '/v1/health/segments?at=March', keyA);
    expect(bad.status).toBe(400);
  });
});
