import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { cachedEndpoints } from '../src/modules/cache/cached-endpoints.ts';
import { readDataVersion } from '../src/modules/cache/read-data-version.ts';
import { refreshResultCache } from '../src/modules/cache/refresh-result-cache.ts';
import { recomputeHealth } from '../src/modules/health/recompute-health.ts';
import { computeRevenueMetrics } from '../src/modules/revenue/compute-revenue-metrics.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../src/modules/revenue/test-factories.ts';
import { computeSuccessMetrics } from '../src/modules/success/compute-success-metrics.ts';
import { insertResponses } from '../src/modules/success/test-factories.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
const keys: Record<string, string> = {};
const REVENUE = '/v1/metrics/revenue?from=2024-01&to=2024-06';
const CS = '/v1/metrics/cs?from=2024-01&to=2024-06';

/**
 * Two workspaces with the same account id and different prices: `ws-a` bills `acme` 100 USD a month from
 * January to April 2024, `ws-b` bills its `acme` 300 USD a month over the same months.
 */
beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  for (const [workspaceId, amount] of [
    ['ws-a', 100],
    ['ws-b', 300],
  ] as const) {
    await createTestWorkspace(store, workspaceId);
    for (const period of monthlyPeriods('2024-01-01', 4)) {
      await insertInvoice(store.db, { workspaceId, accountId: 'acme', lines: [{ ...period, amount }] });
    }
    await recomputeMovements({ db: store.db, workspaceId });
    keys[workspaceId] = (await createApiKey({ db: store.db, workspaceId, name: 'test' })).key;
  }
});

afterAll(async () => {
  await store?.close();
});

async function get(workspaceId: string, path: string) {
  const response = await app.request(path, { headers: { authorization: `Bearer ${keys[workspaceId]}` } });
  expect(response.status).toBe(200);
  return { cache: response.headers.get('x-tenure-cache'), body: (await response.json()) as any };
}

/** What the report computes now, straight from the tables, as the API would send it. */
async function revenueNow(workspaceId: string) {
  const result = await computeRevenueMetrics({ db: store.db, workspaceId, from: '2024-01', to: '2024-06' });
  return JSON.parse(JSON.stringify(result));
}

/** The CS figures of ws-a (of a segment's members), computed now, as the API would send them. */
async function csNow(segmentId?: string) {
  const result = await computeSuccessMetrics({
    db: store.db,
    workspaceId: 'ws-a',
    from: '2024-01',
    to: '2024-06',
    segmentId,
  });
  return JSON.parse(JSON.stringify(result));
}

describe(`result cache (${engineName})`, () => {
  it('serves a report computed once, per workspace, equal to computing it again', async () => {
    const first = await get('ws-a', REVENUE);
    expect(first.cache).toBe('miss');
    expect(first.body.periods[0].mrr_end).toBe(100);
    const second = await get('ws-a', REVENUE);
    expect(second.cache).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.body).toEqual(await revenueNow('ws-a'));
    // Same parameters, another workspace: its own answer, never ws-a's.
    const other = await get('ws-b', REVENUE);
    expect(other.cache).toBe('miss');
    expect(other.body.periods[0].mrr_end).toBe(300);
    expect((await get('ws-b', REVENUE)).body.periods[0].mrr_end).toBe(300);
    expect((await get('ws-a', REVENUE)).body.periods[0].mrr_end).toBe(100);
  });

  it('computes an answer once when two requests ask for it at the same time', async () => {
    const definition = cachedEndpoints.mrr;
    const original = definition.compute;
    let computed = 0;
    definition.compute = async (...args) => {
      computed++;
      return original(...args);
    };
    try {
      const path = '/v1/mrr?at=2024-03-15';
      const [a, b] = await Promise.all([get('ws-a', path), get('ws-a', path)]);
      expect(computed).toBe(1);
      expect(a.body).toEqual(b.body);
      expect(a.body.mrr).toBe(100);
    } finally {
      definition.compute = original;
    }
  });

  it('keeps the order of the answer’s fields', async () => {
    const response = await app.request(REVENUE, { headers: { authorization: `Bearer ${keys['ws-a']}` } });
    expect(response.headers.get('x-tenure-cache')).toBe('hit');
    const text = await response.text();
    expect(Object.keys(JSON.parse(text).periods[0]).slice(0, 4)).toEqual([
      'period',
      'start',
      'end',
      'mrr_start',
    ]);
  });

  it('computes again after a change to the data it reads, and only to that data', async () => {
    await get('ws-a', CS);
    expect((await get('ws-a', CS)).cache).toBe('hit');
    // A May invoice: revenue changes (billing), and so may the CS figures that read billing.
    await insertInvoice(store.db, {
      workspaceId: 'ws-a',
      accountId: 'acme',
      lines: [{ start: '2024-05-01', end: '2024-06-01', amount: 150 }],
    });
    await recomputeMovements({ db: store.db, workspaceId: 'ws-a' });
    const after = await get('ws-a', REVENUE);
    expect(after.cache).toBe('miss');
    expect(after.body.periods[4].mrr_end).toBe(150);
    expect(after.body).toEqual(await revenueNow('ws-a'));
    expect((await get('ws-a', CS)).cache).toBe('miss');
    // ws-b's data did not change: its answer stands.
    expect((await get('ws-b', REVENUE)).cache).toBe('hit');
    // An NPS answer changes the CS figures (engagement) but not the revenue report (billing only).
    await get('ws-a', REVENUE);
    await get('ws-a', CS);
    await insertResponses(store.db, 'ws-a', 'acme', [{ score: 10, at: '2024-03-10' }]);
    expect((await get('ws-a', REVENUE)).cache).toBe('hit');
    const cs = await get('ws-a', CS);
    expect(cs.cache).toBe('miss');
    expect(cs.body).toEqual(await csNow());
  });

  it('computes the health page again once a score or a segment changes', async () => {
    const path = '/v1/health/segments?at=2024-04-30';
    expect((await get('ws-a', path)).cache).toBe('miss');
    expect((await get('ws-a', path)).cache).toBe('hit');
    await store.db
      .insertInto('segments')
      .values({ workspace_id: 'ws-a', id: 'big', name: 'Big', filter: 'mrr > 50' })
      .execute();
    const after = await get('ws-a', path);
    expect(after.cache).toBe('miss');
    expect(after.body.segments.map((s: { segment_id: string }) => s.segment_id)).toContain('big');
    expect((await get('ws-b', path)).body.segments).toEqual([]);
  });

  it('stores the health list’s first page, not the pages after it', async () => {
    await insertInvoice(store.db, {
      workspaceId: 'ws-a',
      accountId: 'beta',
      lines: [{ start: '2024-04-01', end: '2024-05-01', amount: 40 }],
    });
    await recomputeMovements({ db: store.db, workspaceId: 'ws-a' });
    const { scored } = await recomputeHealth({ db: store.db, workspaceId: 'ws-a', at: '2024-04-29' });
    expect(scored).toBeGreaterThanOrEqual(2);
    const first = '/v1/health?at=2024-04-29&limit=1';
    await get('ws-a', first);
    expect((await get('ws-a', first)).cache).toBe('hit');
    const later = `${first}&offset=1`;
    await get('ws-a', later);
    expect((await get('ws-a', later)).cache).toBe('miss');
  });

  it('waits for a segment’s changes only where a report reads them: a CS report scoped to it', async () => {
    const scoped = `${CS}&segment_id=big`;
    await get('ws-a', CS);
    await get('ws-a', scoped);
    expect((await get('ws-a', scoped)).cache).toBe('hit');
    await store.db
      .insertInto('segment_memberships')
      .values({ workspace_id: 'ws-a', segment_id: 'big', account_id: 'acme' })
      .execute();
    expect((await get('ws-a', CS)).cache).toBe('hit');
    const after = await get('ws-a', scoped);
    expect(after.cache).toBe('miss');
    expect(after.body).toEqual(await csNow('big'));
  });

  it('computes again when the workspace’s settings change', async () => {
    await get('ws-a', REVENUE);
    expect((await get('ws-a', REVENUE)).cache).toBe('hit');
    await store.db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ 'ltv.gross_margin': 0.8 }) })
      .where('workspace_id', '=', 'ws-a')
      .execute();
    expect((await get('ws-a', REVENUE)).cache).toBe('miss');
  });

  it('counts committed transactions: one per transaction, none for a rolled-back one', async () => {
    const before = await readDataVersion(store.db, 'ws-a', ['billing']);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await insertInvoice(trx, {
          workspaceId: 'ws-a',
          accountId: 'acme',
          lines: [{ start: '2024-07-01', end: '2024-08-01', amount: 1 }],
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await readDataVersion(store.db, 'ws-a', ['billing'])).toBe(before);
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        await insertInvoice(trx, {
          workspaceId: 'ws-a',
          accountId: `extra-${i}`,
          lines: [{ start: '2024-07-01', end: '2024-08-01', amount: 1 }],
        });
      }
    });
    const count = (version: string) => Number(/billing:(\d+)/.exec(version)?.[1]);
    expect(count(await readDataVersion(store.db, 'ws-a', ['billing']))).toBe(count(before) + 1);
    expect(await readDataVersion(store.db, 'ws-b', ['billing'])).not.toBe(
      await readDataVersion(store.db, 'ws-a', ['billing']),
    );
  });

  it('refreshes changed answers in the background, so the next request reads them', async () => {
    await recomputeMovements({ db: store.db, workspaceId: 'ws-a' });
    const refreshed = await refreshResultCache({ db: store.db });
    expect(refreshed.failed).toEqual([]);
    expect(refreshed.refreshed).toBeGreaterThanOrEqual(1);
    const after = await get('ws-a', REVENUE);
    expect(after.cache).toBe('hit');
    expect(after.body).toEqual(await revenueNow('ws-a'));
    // Nothing changed since: the next pass computes nothing.
    expect((await refreshResultCache({ db: store.db })).refreshed).toBe(0);
  });

  it('folds many change rows into one without moving the version', async () => {
    for (let i = 0; i < 60; i++) {
      await store.db
        .updateTable('accounts')
        .set({ name: `Acme ${i}` })
        .where('workspace_id', '=', 'ws-b')
        .where('id', '=', 'acme')
        .execute();
    }
    const before = await readDataVersion(store.db, 'ws-b', ['billing']);
    await refreshResultCache({ db: store.db });
    expect(await readDataVersion(store.db, 'ws-b', ['billing'])).toBe(before);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from data_changes where workspace_id = 'ws-b' and domain = 'billing'`.execute(
      store.db,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('forgets answers nobody asked for in a week', async () => {
    await sql`update result_cache set used_at = now() - interval '8 days' where workspace_id = 'ws-b'`.execute(
      store.db,
    );
    const result = await refreshResultCache({ db: store.db });
    expect(result.removed).toBeGreaterThanOrEqual(1);
    const left = await store.db.selectFrom('result_cache').select('workspace_id').distinct().execute();
    expect(left.map((r) => r.workspace_id)).toEqual(['ws-a']);
    expect((await get('ws-b', REVENUE)).cache).toBe('miss');
  });
});

describe(`result cache refresher under tenure start (${engineName})`, () => {
  it('runs its passes without an onPass callback', async () => {
    const { startResultCacheRefresher } = await import(
      '../src/modules/cache/start-result-cache-refresher.ts'
    );
    await get('ws-a', REVENUE);
    await insertInvoice(store.db, {
      workspaceId: 'ws-a',
      accountId: 'acme',
      lines: [{ start: '2024-06-01', end: '2024-07-01', amount: 175 }],
    });
    await recomputeMovements({ db: store.db, workspaceId: 'ws-a' });
    const errors: unknown[] = [];
    const refresher = startResultCacheRefresher({ store, intervalMs: 50, onError: (e) => errors.push(e) });
    try {
      const deadline = Date.now() + 20_000;
      const version = await readDataVersion(store.db, 'ws-a', ['billing']);
      for (;;) {
        const row = await store.db
          .selectFrom('result_cache')
          .select('version')
          .where('workspace_id', '=', 'ws-a')
          .where('endpoint', '=', 'metrics.revenue')
          .executeTakeFirst();
        if (row?.version === version) break;
        if (Date.now() > deadline) throw new Error('the refresher did not refresh the revenue report');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await refresher.stop();
    }
    expect(errors).toEqual([]);
    const after = await get('ws-a', REVENUE);
    expect(after.cache).toBe('hit');
    expect(after.body.periods[5].mrr_end).toBe(175);
  });
});
