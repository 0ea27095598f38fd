/**
 * Speed of the revenue engine on both engines, on a dataset built directly in SQL (seconds, not minutes):
 * N accounts over 36 months (2022-01 … 2024-12) — monthly and annual plans, upgrades, downgrades, add-on
 * lines from a later month, discounts, churn, gaps (churn then reactivation), void/draft/open invoices,
 * one-time setup lines, refunds, and 10% of accounts billed in CRC with monthly FX rates.
 * Times a full `recomputeMovements`, an incremental one (200 accounts) and `computeRevenueMetrics` over the
 * 36 months; with --explain prints EXPLAIN ANALYZE of every query that took more than 200 ms.
 * Usage: node --import tsx bench/revenue-speed.ts [--accounts 20000] [--engine both|pglite|postgres] [--explain] [--skip-metrics]
 */
import { createHash, randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { openStore, type TDb, type TStore } from '../src/db/connect.ts';
import { PGliteDialect } from '../src/db/pglite-dialect.ts';
import type { Database } from '../src/db/schema.ts';
import { computeRevenueMetrics } from '../src/modules/revenue/compute-revenue-metrics.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '20000' },
    engine: { type: 'string', default: 'both' },
    explain: { type: 'boolean', default: false },
    'skip-metrics': { type: 'boolean', default: false },
  },
});
const accounts = Number(values.accounts);
const engines = values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine as string];
const ws = 'bench';

/** A deterministic pseudo-random integer in [0, n) from the account (and month), the same on both engines. */
const h = (salt: string, n: number, expr = 'a') =>
  `(abs(hashtextextended((${expr})::text || '${salt}', 0)) % ${n})`;

export const seed = [
  `create table bench_acct as select a, 'acc_' || lpad(a::text, 6, '0') as id,
    case when ${h('cur', 10)} = 0 then 'CRC' else 'USD' end as cur,
    ${h('ann', 10)} = 1 as annual, ${h('start', 8)}::int as start_m,
    case when ${h('churn', 100)} < 30 then 6 + ${h('cm', 40)} else 99 end as end_m,
    case when ${h('gap', 100)} < 8 then 4 + ${h('gm', 20)} else 99 end as gap_m, (1 + ${h('gl', 3)})::int as gap_len,
    case when ${h('day', 20)} = 0 then 31 else 1 + ${h('d', 28)}::int end as day,
    (array[29, 49, 99, 199, 499])[1 + ${h('price', 5)}]::numeric as price,
    case when ${h('up', 100)} < 40 then 2 + ${h('um', 24)} else 99 end as up_m,
    case when ${h('down', 100)} < 10 then 6 + ${h('dm', 24)} else 99 end as down_m,
    case when ${h('addon', 100)} < 20 then ${h('am', 30)} else 99 end as add_m,
    ${h('disc', 100)} < 15 as discounted
  from generate_series(1, ${accounts}) a`,
  `insert into accounts (workspace_id, id, name) select '${ws}', id, 'Account ' || a from bench_acct`,
  `insert into fx_rates (workspace_id, currency, date, rate)
    select '${ws}', 'CRC', d::date, round((0.0019 + 0.0001 * sin(extract(epoch from d)::float8 / 5e6))::numeric, 8)
    from generate_series('2021-12-01'::timestamp, '2025-01-01', interval '1 month') d`,
  `create table bench_inv as
    select b.*, m, 'inv_' || b.a || '_' || m as inv_id,
      least(date '2022-01-01' + make_interval(months => m, days => (b.day - 1)::int),
        (date '2022-01-01' + make_interval(months => m + 1) - interval '1 day'))::date as ss,
      case ${h('st', 100, "a || '-' || m")} when 0 then 'void' when 1 then 'draft' when 2 then 'open'
        when 3 then 'uncollectible' else 'paid' end as status
    from bench_acct b cross join generate_series(0, 35) m
    where m >= b.start_m and m < b.end_m and not (m >= b.gap_m and m < b.gap_m + b.gap_len)
      and (not b.annual or (m - b.start_m) % 12 = 0)`,
  `insert into invoices (workspace_id, id, account_id, issued_at, currency, status)
    select '${ws}', inv_id, id, ss::timestamptz + interval '5 minutes', cur, status from bench_inv`,
  `insert into invoice_lines (workspace_id, id, invoice_id, type, subscription_id, plan_id, service_start,
      service_end, quantity, amount, discount, tax)
    select '${ws}', inv_id || '_' || k, inv_id, case when k = 3 then 'one_time' else 'subscription' end,
      case when k < 3 then 'sub_' || a || '_' || k end, 'plan_' || k,
      case when k < 3 then ss end,
      case when k < 3 then (ss + make_interval(months => case when annual then 12 else 1 end))::date end, 1, amt,
      case when discounted and k = 1 then round(amt * 0.1, 2) else 0 end, round(amt * 0.06, 2)
    from (
      select i.*, k, round(case k
          when 1 then price * (case when m >= up_m then 1.5 else 1 end) * (case when m >= down_m then 0.8 else 1 end)
          when 2 then 10 * (1 + (m - add_m) / 6) else 150 end
        * (case when annual and k < 3 then 10 else 1 end) * (case when cur = 'CRC' then 520 else 1 end), 2) as amt
      from bench_inv i cross join generate_series(1, 3) k
      where k = 1 or (k = 2 and m >= add_m) or (k = 3 and m = start_m and ${h('setup', 5)} = 0)
    ) x`,
  `insert into payments (workspace_id, id, invoice_id, attempted_at, amount, currency, outcome)
    select '${ws}', 'pay_' || inv_id, inv_id, ss::timestamptz + interval '3 days', 5, cur, 'refunded'
    from bench_inv where status = 'paid' and ${h('refund', 200, "a || '-' || m")} = 0`,
  'drop table bench_inv',
  'drop table bench_acct',
  'analyze accounts',
  'analyze invoices',
  'analyze invoice_lines',
  'analyze fx_rates',
  'analyze payments',
];

type TQuery = { sql: string; parameters: readonly unknown[]; ms: number };

/** A second Kysely over the same connection(s) that records every query with its duration. */
function recording(store: TStore, log: TQuery[]): TDb {
  const dialect = store.pglite ? new PGliteDialect(store.pglite) : new PostgresDialect({ pool: store.pool! });
  return new Kysely<Database>({
    dialect,
    log: (event) => {
      if (event.level === 'query')
        log.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

async function explain(db: TDb, queries: TQuery[]) {
  // One transaction, rolled back: EXPLAIN ANALYZE runs each statement, in the order they ran, so a
  // temporary table made by one is there for the next.
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
        set_config('enable_mergejoin', 'off', true)`.execute(trx);
      for (const q of queries) {
        const compiled = { query: { kind: 'RawNode' }, queryId: { queryId: 'explain' } } as never;
        if (/^\s*drop table/i.test(q.sql)) {
          await trx.executeQuery({ ...(compiled as object), sql: q.sql, parameters: q.parameters } as never);
          continue;
        }
        if (q.ms < 200 && !/next_mrr_movements/.test(q.sql)) continue;
        console.log(`\n--- ${q.ms.toFixed(0)} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}…`);
        const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>({
          ...(compiled as object),
          sql: `explain (analyze, buffers, costs off) ${q.sql}`,
          parameters: q.parameters,
        } as never);
        console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
}

async function run(engine: string) {
  const schema = `bench_rev_${randomBytes(4).toString('hex')}`;
  const store =
    engine === 'postgres'
      ? await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema })
      : await openStore();
  try {
    console.log(`\n== ${engine}, ${accounts} accounts`);
    await ensureWorkspace({ db: store.db, workspaceId: ws, reportingCurrency: 'USD' });
    await time('seed', async () => {
      for (const statement of seed) {
        const t = performance.now();
        await sql.raw(statement).execute(store.db);
        if (process.env.SEED_TIMES)
          console.log(`    ${(performance.now() - t).toFixed(0)} ms ${statement.slice(0, 40)}`);
      }
    });
    const { rows } = await sql<{ lines: number }>`select count(*) as lines from invoice_lines`.execute(
      store.db,
    );
    console.log(`  invoice lines: ${rows[0]!.lines}`);
    const log: TQuery[] = [];
    const db = recording(store, log);
    const full = await time('recomputeMovements (all)', () => recomputeMovements({ db, workspaceId: ws }));
    console.log(`  → ${full.accounts} accounts, ${full.movements} movements`);
    await time('recomputeMovements (all, again)', () => recomputeMovements({ db, workspaceId: ws }));
    const some = Array.from({ length: 200 }, (_, i) => `acc_${String(1 + i * 37).padStart(6, '0')}`);
    await time('recomputeMovements (200 accounts)', () =>
      recomputeMovements({ db, workspaceId: ws, accountIds: some }),
    );
    if (!values['skip-metrics']) await timeMetrics(db);
    if (values.explain) await explain(store.db, log);
  } finally {
    if (engine === 'postgres') await sql.raw(`drop schema ${schema} cascade`).execute(store.db);
    await store.close();
  }
}

async function timeMetrics(db: TDb) {
  {
    const args = { db, workspaceId: ws, from: '2022-01', to: '2024-12' };
    const m = await time('computeRevenueMetrics (36 months)', () => computeRevenueMetrics(args));
    await time('computeRevenueMetrics (36 months, again)', () => computeRevenueMetrics(args));
    await time('computeRevenueMetrics (quarter)', () =>
      computeRevenueMetrics({ ...args, interval: 'quarter' }),
    );
    const last = m.periods.at(-1)!;
    console.log(`  last period: ${JSON.stringify(last)}`);
    // A digest of every figure of every period, to compare engines and versions (t12 fields left out).
    const figures = m.periods.map(({ grr_t12m, nrr_t12m, ...rest }: Record<string, unknown>) => rest);
    console.log(`  digest: ${createHash('sha1').update(JSON.stringify(figures)).digest('hex')}`);
    if ('trailing_12_months' in m) console.log(`  t12m: ${JSON.stringify(m.trailing_12_months)}`);
  }
}

// Run unless imported (a comparison script may reuse `seed`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  for (const engine of engines) await run(engine);
