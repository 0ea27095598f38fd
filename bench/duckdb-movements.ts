import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TRevenuePeriod } from '../src/modules/revenue/compute-revenue-metrics.ts';

/** The monthly figures every engine must agree on, as `computeRevenueMetrics` names them. */
export type TMonthlyFigures = Pick<
  TRevenuePeriod,
  'period' | 'mrr_end' | 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation'
>;

/**
 * The monthly MRR movements of shared/spec/metrics.md computed by DuckDB straight from the CSV files, as an
 * independent reference for Tenure's numbers and speed. Line MRR is computed in exact integers of 1e-10
 * (amounts in cents × rates in 1e-8), rounded half up to 10 decimals as Tenure's revenue module does, so
 * the sums agree to the last digit: DuckDB's decimal division would go through floating point.
 */
export async function computeDuckdbMonthly(input: {
  dir: string;
  from: string;
  to: string;
  reportingCurrency: string;
}): Promise<{ seconds: number; periods: TMonthlyFigures[] }> {
  const file = (name: string) => `'${path.resolve(input.dir, `${name}.csv`).replace(/'/g, "''")}'`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  const reader = await connection.runAndReadAll(`
    with invoices as (
      select id, account_id, upper(trim(currency)) as currency, status
      from read_csv(${file('invoices')}, header = true, all_varchar = true)
    ),
    lines as (
      select invoice_id, service_start::date as service_start, service_end::date as service_end,
        (amount::decimal(18,2) - coalesce(nullif(discount, ''), '0')::decimal(18,2)) as net
      from read_csv(${file('invoice_lines')}, header = true, all_varchar = true)
      where type = 'subscription'
    ),
    fx as (
      select upper(currency) as currency, date::date as date, rate::decimal(18,8) as rate
      from read_csv(${file('fx_rates')}, header = true, all_varchar = true)
    ),
    priced as (
      select i.account_id, l.service_start, l.service_end,
        (l.net * 100)::hugeint * (case when i.currency = '${input.reportingCurrency}' then 100000000::hugeint
          else (f.rate * 100000000)::hugeint end) as units,
        (year(l.service_end) - year(l.service_start)) * 12 + month(l.service_end) - month(l.service_start) as n,
        (l.service_end - l.service_start) as days
      from lines l
      join invoices i on i.id = l.invoice_id and i.status in ('open', 'paid')
      asof left join fx f on f.currency = i.currency and f.date <= l.service_start
    ),
    line_mrr as (
      select account_id, service_start, service_end,
        case when n >= 1 and day(service_start) = day(service_end)
          then (2 * units + n) // (2 * n)
          else (2 * units * 487 + 16 * days) // (32 * days) end as mrr
      from priced
    ),
    changes as (
      select account_id, day, sum(delta) as delta
      from (select account_id, service_start as day, mrr as delta from line_mrr
            union all select account_id, service_end, -mrr from line_mrr)
      group by account_id, day
      having sum(delta) <> 0
    ),
    levels as (
      select account_id, day,
        greatest(0, sum(delta) over w - delta) as mrr_before, greatest(0, sum(delta) over w) as mrr_after
      from changes
      window w as (partition by account_id order by day rows unbounded preceding)
    ),
    moves as (
      select day, mrr_after - mrr_before as delta, abs(mrr_after - mrr_before) as amount,
        case when mrr_before = 0 then (case when coalesce(bool_or(mrr_after > 0) over (partition by account_id
            order by day rows between unbounded preceding and 1 preceding), false) then 'reactivation' else 'new' end)
          when mrr_after = 0 then 'churn' when mrr_after > mrr_before then 'expansion' else 'contraction' end as type
      from levels
      where mrr_after <> mrr_before
    ),
    months as (
      select m::date as start, (m + interval 1 month)::date as next
      from generate_series('${input.from}-01'::date, '${input.to}-01'::date, interval 1 month) t(m)
    ),
    monthly as (
      select m.start,
        (select coalesce(sum(delta), 0) from moves where day < m.next) as mrr_end,
        coalesce(sum(amount) filter (where type = 'new'), 0) as new,
        coalesce(sum(amount) filter (where type = 'expansion'), 0) as expansion,
        coalesce(sum(amount) filter (where type = 'contraction'), 0) as contraction,
        coalesce(sum(amount) filter (where type = 'churn'), 0) as churn,
        coalesce(sum(amount) filter (where type = 'reactivation'), 0) as reactivation
      from months m left join moves v on v.day >= m.start and v.day < m.next
      group by m.start, m.next
    )
    select strftime(start, '%Y-%m') as period,
      ((2 * mrr_end + 100000000) // 200000000)::varchar as mrr_end,
      ((2 * new + 100000000) // 200000000)::varchar as new,
      ((2 * expansion + 100000000) // 200000000)::varchar as expansion,
      ((2 * contraction + 100000000) // 200000000)::varchar as contraction,
      ((2 * churn + 100000000) // 200000000)::varchar as churn,
      ((2 * reactivation + 100000000) // 200000000)::varchar as reactivation
    from monthly order by start`);
  const seconds = (performance.now() - started) / 1000;
  const cents = (v: unknown) => Number(v) / 100;
  const periods = reader.getRowObjectsJson().map((r) => ({
    period: String(r.period),
    mrr_end: cents(r.mrr_end),
    new: cents(r.new),
    expansion: cents(r.expansion),
    contraction: cents(r.contraction),
    churn: cents(r.churn),
    reactivation: cents(r.reactivation),
  }));
  connection.closeSync();
  instance.closeSync();
  return { seconds, periods };
}
