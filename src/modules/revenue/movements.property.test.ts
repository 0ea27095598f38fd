import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import type { InvoiceStatus } from '../../db/schema.ts';
import { computeRevenueMetrics } from './compute-revenue-metrics.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { insertFxRate, insertInvoice } from './test-factories.ts';

const ws = 'prop';
const statuses: InvoiceStatus[] = ['paid', 'paid', 'open', 'void', 'draft', 'uncollectible'];

/** A subscription: consecutive service periods, sometimes with a gap, a new price or another status. */
const ZChain = fc.record({
  account: fc.integer({ min: 0, max: 3 }),
  month: fc.integer({ min: 0, max: 5 }),
  day: fc.integer({ min: 1, max: 31 }),
  periods: fc.array(
    fc.record({
      length: fc.oneof(fc.constantFrom('1m', '1m', '3m', '12m'), fc.integer({ min: 1, max: 60 })),
      gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
      cents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
      discountCents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000 })),
      status: fc.constantFrom(...statuses),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});
const ZRate = fc.record({ day: fc.integer({ min: 0, max: 400 }), milli: fc.integer({ min: 1, max: 3000 }) });
const ZHistory = fc.record({
  chains: fc.array(ZChain, { minLength: 1, maxLength: 6 }),
  currencies: fc.array(fc.constantFrom('USD', 'EUR', 'CRC'), { minLength: 4, maxLength: 4 }),
  rates: fc.array(fc.tuple(fc.constantFrom('EUR', 'CRC'), ZRate), { maxLength: 6 }),
});

type THistory = typeof ZHistory extends fc.Arbitrary<infer T> ? T : never;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
const cents = (n: number) => (n / 100).toFixed(2);
/** Exact decimal strings compared by value: 100.50 equals 100.5000000000. */
const canon = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

describe(`movements property (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, ws);
  });
  afterAll(() => store.close());

  async function load(history: THistory) {
    const db = store.db;
    for (const table of ['mrr_movements', 'invoice_lines', 'invoices', 'fx_rates', 'accounts'] as const) {
      await db.deleteFrom(table).where('workspace_id', '=', ws).execute();
    }
    const seen = new Set<string>();
    for (const currency of ['EUR', 'CRC']) await insertFxRate(db, ws, currency, '2023-12-01', '0.5');
    for (const [currency, rate] of history.rates) {
      const day = addDays('2023-12-02', rate.day);
      if (seen.has(currency + day)) continue;
      seen.add(currency + day);
      await insertFxRate(db, ws, currency, day, (rate.milli / 1000).toString());
    }
    for (const [c, chain] of history.chains.entries()) {
      const accountId = `a${chain.account}`;
      const first = new Date(Date.UTC(2024, chain.month, chain.day));
      let start = first.toISOString().slice(0, 10);
      for (const p of chain.periods) {
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        // Whole months only from days 1–28, where "same day of month" is unambiguous for the reference.
        const months = typeof p.length === 'string' && d <= 28 ? Number.parseInt(p.length, 10) : null;
        const end = months
          ? new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10)
          : addDays(start, typeof p.length === 'number' ? p.length : 30);
        await insertInvoice(db, {
          workspaceId: ws,
          accountId,
          currency: history.currencies[chain.account],
          status: p.status,
          lines: [
            {
              subscriptionId: `s${c}`,
              start,
              end,
              amount: cents(p.cents),
              discount: cents(Math.min(p.discountCents, p.cents)),
            },
          ],
        });
        start = addDays(end, p.gap);
      }
    }
    await recomputeMovements({ db, workspaceId: ws });
  }

  /**
   * The naive reference: each line's MRR written afresh (age() for whole months, a correlated lookup for
   * FX), every account's MRR on every day, and the days on which it changed.
   */
  async function referenceChanges() {
    const { rows } = await sql<{ account_id: string; day: string; before: string; after: string }>`
      with lines as (
        select i.account_id, l.service_start, l.service_end,
          round((l.amount - l.discount)
            * case when i.currency = 'USD' then 1 else (select f.rate from fx_rates f where f.workspace_id = i.workspace_id
                and f.currency = i.currency and f.date <= l.service_start order by f.date desc limit 1) end
            -- Multiply before dividing, as the engine does: 30.4375 / 48 first would round a repeating
            -- decimal and could move the 10th decimal of the result.
            * case when extract(day from age(l.service_end, l.service_start)) = 0 then 1 else 30.4375 end
            / case when extract(day from age(l.service_end, l.service_start)) = 0
                then extract(year from age(l.service_end, l.service_start)) * 12
                  + extract(month from age(l.service_end, l.service_start))
                else l.service_end - l.service_start end, 10) as mrr
        from invoice_lines l join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
        where l.workspace_id = ${ws} and l.type = 'subscription' and i.status in ('open', 'paid')
      ),
      daily as (
        select a.id as account_id, d::date as day,
          greatest(0, coalesce((select sum(mrr) from lines l where l.account_id = a.id
            and l.service_start <= d::date and d::date < l.service_end), 0)) as mrr
        from accounts a cross join generate_series('2023-12-01'::timestamp, '2029-01-01'::timestamp, interval '1 day') d
        where a.workspace_id = ${ws}
      ),
      changes as (select account_id, day, lag(mrr) over (partition by account_id order by day) as before, mrr as after from daily)
      select account_id, day, before::text, after::text from changes where before <> after order by account_id, day`.execute(
      store.db,
    );
    return rows;
  }

  it('matches a day-by-day recomputation from the lines, and every month adds up exactly', async () => {
    await fc.assert(
      fc.asyncProperty(ZHistory, async (history) => {
        await load(history);
        const expected = await referenceChanges();
        const seenPositive = new Set<string>();
        const expectedMoves = expected.map((r) => {
          const [before, after] = [Number(r.before), Number(r.after)];
          const type =
            before === 0
              ? seenPositive.has(r.account_id)
                ? 'reactivation'
                : 'new'
              : after === 0
                ? 'churn'
                : after > before
                  ? 'expansion'
                  : 'contraction';
          if (after > 0) seenPositive.add(r.account_id);
          return `${r.account_id} ${r.day} ${type} ${canon(r.before)} ${canon(r.after)}`;
        });
        const actual = await store.db
          .selectFrom('mrr_movements')
          .select([
            'account_id',
            'date',
            'type',
            sql<string>`mrr_before::text`.as('before'),
            sql<string>`mrr_after::text`.as('after'),
          ])
          .where('workspace_id', '=', ws)
          .orderBy('account_id')
          .orderBy('date')
          .execute();
        expect(
          actual.map((m) => `${m.account_id} ${m.date} ${m.type} ${canon(m.before)} ${canon(m.after)}`),
        ).toEqual(expectedMoves);

        // MRR_end − MRR_start = new + expansion + reactivation − contraction − churn, on exact numerics.
        const { rows } = await sql<{ month: string; ok: boolean }>`
          select to_char(m, 'YYYY-MM') as month,
            (select coalesce(sum(mrr_after - mrr_before), 0) from mrr_movements where workspace_id = ${ws} and date <= (m + interval '1 month' - interval '1 day')::date)
            - (select coalesce(sum(mrr_after - mrr_before), 0) from mrr_movements where workspace_id = ${ws} and date < m::date)
            = (select coalesce(sum(case when type in ('new', 'expansion', 'reactivation') then amount else -amount end), 0)
               from mrr_movements where workspace_id = ${ws} and date >= m::date and date < (m + interval '1 month')::date) as ok
          from generate_series('2024-01-01'::timestamp, '2028-12-01'::timestamp, interval '1 month') m`.execute(
          store.db,
        );
        expect(rows.filter((r) => !r.ok)).toEqual([]);

        // The monthly report carries the same MRR and the same flows (to the cent).
        const { periods } = await computeRevenueMetrics({
          db: store.db,
          workspaceId: ws,
          from: '2024-01',
          to: '2026-12',
        });
        for (const p of periods) {
          const flows = p.new + p.expansion + p.reactivation - p.contraction - p.churn;
          expect(Math.abs(p.mrr_end - p.mrr_start - flows)).toBeLessThanOrEqual(0.05);
        }
      }),
      { numRuns: 30 },
    );
  });
});
