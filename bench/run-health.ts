/**
 * One engine's health benchmarks (issue 3, item 8), in a child process of `bench/run.ts`:
 * - ingest: events/s through `POST /v1/events/batch` on loopback, 4 concurrent clients sending batches of
 *   1,000 new events (goal on PostgreSQL: 50,000 events/s);
 * - health: full health recompute of `--accounts` accounts whose usage rollups stand for `--events`
 *   events (goal: under 60 s), peak RSS, and the time from one account's new event (through the same
 *   endpoint) to its refreshed score (goal: under 1 s).
 * Writes a JSON result to --out. Options: --engine postgres|pglite, --accounts, --events, --ingest-events,
 * --skip ingest,health, --reuse-seed (PostgreSQL: keep the last seed), --pages (time only these pages).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore, type TStore } from '../src/db/connect.ts';
import { serve } from '../src/http/serve.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { refreshLanes, refreshResultCache } from '../src/modules/cache/refresh-result-cache.ts';
import { recomputeHealth } from '../src/modules/health/recompute-health.ts';
import { refreshStaleHealth } from '../src/modules/health/refresh-stale-health.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { createSegment } from '../src/modules/segments/create-segment.ts';
import { seedHealthBench } from './health-seed.ts';
import { benchPages, pageRequests } from './page-speed.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    accounts: { type: 'string', default: '100000' },
    events: { type: 'string', default: '50000000' },
    'ingest-events': { type: 'string', default: '100000' },
    skip: { type: 'string', default: '' },
    'reuse-seed': { type: 'boolean', default: false },
    // Comma-separated: time only the pages whose name contains one of these (e.g. --pages health,accounts).
    pages: { type: 'string', default: '' },
    out: { type: 'string' },
  },
});
const engine = values.engine as 'postgres' | 'pglite';
const skip = new Set((values.skip as string).split(',').filter(Boolean));
const log = (message: string) => process.stderr.write(`${message}\n`);
const CLIENTS = 4;
const BATCH = 1000;
const AS_OF = new Date().toISOString().slice(0, 10);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function openBenchStore(name: string, isReused = false): Promise<TStore> {
  if (engine === 'postgres') {
    const url = process.env.TENURE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = await openStore({ databaseUrl: url, schema: 'public', migrate: false });
    if (!isReused) await sql.raw(`drop schema if exists ${name} cascade`).execute(admin.db);
    await admin.close();
    return openStore({ databaseUrl: url, schema: name });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tenure-${name}-`));
  const store = await openStore({ dataDir: dir });
  const close = async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true });
  };
  return { ...store, close };
}

async function post(url: string, key: string, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** Events/s through the batch endpoint: `total` new events over 1,000 accounts, 4 clients at once. */
async function benchIngest(total: number) {
  const store = await openBenchStore('bench_ingest');
  const workspaceId = 'bench';
  await seedHealthBench(store.db, workspaceId, { accounts: 1000, events: 1000, days: 1, asOf: AS_OF });
  const { key } = await createApiKey({ db: store.db, workspaceId, name: 'bench' });
  const server = await serve({ store, port: 0, host: '127.0.0.1' });
  const batches = Math.ceil(total / BATCH);
  let next = 0;
  const makeBatch = (b: number) =>
    Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      const account = 1 + (n % 1000);
      return {
        id: `ev-${n}`,
        account_id: `a${account}`,
        contact_id: `c${account}-${1 + (n % 3)}`,
        name: n % 4 === 0 ? 'report_exported' : 'login',
        occurred_at: new Date(Date.parse(`${AS_OF}T00:00:00Z`) - (n % 86_400) * 1000).toISOString(),
      };
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let b = next++; b < batches; b = next++)
        await post(`${server.url}/v1/events/batch`, key, { events: makeBatch(b) });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { n } = await store.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  if (Number(n) !== batches * BATCH) throw new Error(`ingest: ${n} events stored, ${batches * BATCH} sent`);
  await server.close();
  await store.close();
  log(`${engine} ingest: ${batches * BATCH} events in ${seconds.toFixed(1)} s`);
  return { events: batches * BATCH, seconds, eventsPerSecond: (batches * BATCH) / seconds, clients: CLIENTS };
}

/** Full recompute at scale, then one account's new event → its refreshed score. */
async function benchHealth(accounts: number, events: number) {
  // --reuse-seed (PostgreSQL): keep the schema of a previous run with the same sizes; seeding takes minutes.
  const isReused = values['reuse-seed'] === true && engine === 'postgres';
  const store = await openBenchStore('bench_health', isReused);
  const workspaceId = 'bench';
  const seeded = performance.now();
  if (!isReused) {
    await seedHealthBench(store.db, workspaceId, { accounts, events, days: 60, asOf: AS_OF });
    await recomputeMovements({ db: store.db, workspaceId });
    await sql`analyze mrr_movements`.execute(store.db);
  }
  await sql`delete from health_scores where workspace_id = ${workspaceId}`.execute(store.db);
  const seedSeconds = (performance.now() - seeded) / 1000;
  const { rows } = await sql<{ rows: number; events: number }>`
    select count(*)::int8 as rows, sum(events)::int8 as events from usage_daily
    where workspace_id = ${workspaceId}`.execute(store.db);
  log(
    `${engine} health: seeded ${accounts} accounts, ${rows[0]?.events} events in ${rows[0]?.rows} rollup rows (${seedSeconds.toFixed(0)} s)`,
  );
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const full = await recomputeHealth({ db: store.db, workspaceId, at: AS_OF });
  const fullSeconds = (performance.now() - started) / 1000;
  const fullPeakRssMb = peakRss / 1e6;
  log(`${engine} health: full recompute of ${full.scored} accounts in ${fullSeconds.toFixed(1)} s`);

  // One account's new data, through the API, to its refreshed score: what a CSM waits for.
  const { key } = await createApiKey({ db: store.db, workspaceId, name: 'bench' });
  const server = await serve({ store, port: 0, host: '127.0.0.1' });
  await sql`delete from health_stale where workspace_id = ${workspaceId}`.execute(store.db);
  const single: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    await post(`${server.url}/v1/events/batch`, key, {
      events: [
        { id: `single-${run}`, account_id: 'a42', name: 'login', occurred_at: new Date().toISOString() },
      ],
    });
    await refreshStaleHealth({ store, workspaceId });
    single.push((performance.now() - t0) / 1000);
  }
  // Issue 5: the data of every dashboard page on this workspace (the goal is on PostgreSQL at 100,000).
  // The scores, tiers and memberships were just written: give the planner the statistics autovacuum's
  // analyze would (the bench server may run without autovacuum). No vacuum: pages are timed as written.
  if (engine === 'postgres')
    await sql`analyze health_scores, segment_memberships, account_profiles, lifecycle_events`.execute(
      store.db,
    );
  await sql`delete from segments where workspace_id = ${workspaceId} and id = 'bench-big'`.execute(store.db);
  await createSegment({ db: store.db, workspaceId, id: 'bench-big', name: 'Bench big', filter: 'mrr > 100' });
  const segments = await store.db
    .selectFrom('segments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  const pages = await benchPages({
    baseUrl: server.url,
    key,
    pages: pageRequests({ accountId: 'a42', date: AS_OF, segmentIds: segments.map((s) => s.id) }),
    only: (values.pages as string).split(',').filter(Boolean),
    clearStoredReports: async () => {
      await sql`delete from result_cache where workspace_id = ${workspaceId}`.execute(store.db);
    },
  });
  for (const p of pages)
    log(
      `${engine} page ${p.page}: ${p.coldMs.toFixed(0)} ms (cold), ${p.medianMs.toFixed(0)} ms (median), ${p.maxMs.toFixed(0)} ms (max)`,
    );
  // After a change, how long until every stored report of every page is current again (what the first
  // visit within that time waits for instead): all pages loaded once, one account renamed through the API
  // (billing data, read by most reports), then one pass of the background refresh.
  for (const page of pageRequests({ accountId: 'a42', date: AS_OF, segmentIds: segments.map((s) => s.id) })) {
    for (const path of [...page.paths, ...(page.after ?? [])]) {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      await response.arrayBuffer();
    }
  }
  await post(`${server.url}/v1/accounts`, key, { id: 'a42', name: `Account 42 (${Date.now()})` });
  const refreshStarted = performance.now();
  const refresh = await refreshResultCache({ db: store.db, concurrency: refreshLanes(store.engine) });
  const refreshSeconds = (performance.now() - refreshStarted) / 1000;
  log(
    `${engine} reports: ${refresh.refreshed} stored reports current again ${refreshSeconds.toFixed(1)} s after a change`,
  );
  await server.close();
  await store.close();
  const singleSeconds = single.sort((a, b) => a - b)[2] as number;
  log(
    `${engine} health: one account's event → refreshed score in ${singleSeconds.toFixed(3)} s (median of 5)`,
  );
  return {
    accounts,
    events: Number(rows[0]?.events),
    rollupRows: Number(rows[0]?.rows),
    scored: full.scored,
    fullSeconds,
    fullPeakRssMb,
    singleSeconds,
    pages,
    reportsRefresh: { refreshed: refresh.refreshed, seconds: refreshSeconds },
  };
}

const result = {
  engine,
  ingest: skip.has('ingest') ? null : await benchIngest(Number(values['ingest-events'])),
  health: skip.has('health') ? null : await benchHealth(Number(values.accounts), Number(values.events)),
};
clearInterval(sampler);
if (values.out) fs.writeFileSync(values.out as string, JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
