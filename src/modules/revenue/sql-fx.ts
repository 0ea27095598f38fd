import { type RawBuilder, sql } from 'kysely';

/**
 * FX lookups as equality joins. shared/spec/data.md: an amount converts at "the latest rate on or before the
 * relevant date". A range join (`date >= valid_from and date < valid_to`) cannot be hashed, so millions of
 * lines against daily rates would compare every pair; instead `fx_days` spells out one row per day between
 * two published rates, and `fx_ranges` rows with no successor cover every later day.
 */
export function fxCtes(workspaceId: string): RawBuilder<unknown> {
  return sql`fx_ranges as (
    select currency, date as valid_from, rate,
      lead(date) over (partition by currency order by date) as valid_to
    from fx_rates where workspace_id = ${workspaceId}
  ),
  fx_days as (
    select r.currency, d::date as day, r.rate
    from fx_ranges r
    cross join lateral generate_series(r.valid_from::timestamp, coalesce(r.valid_to - 1, r.valid_from)::timestamp,
      interval '1 day') d
  )`;
}

export type TFxLookup = { joins: RawBuilder<unknown>; rate: RawBuilder<unknown> };

/**
 * Joins (after `fxCtes`) giving the rate of `currency` on `day`: 1 for the reporting currency, null when no
 * rate was published on or before that day. `alias` keeps several lookups in one query apart.
 */
export function fxLookup(
  alias: string,
  currency: RawBuilder<unknown>,
  day: RawBuilder<unknown>,
  reportingCurrency: string,
): TFxLookup {
  const d = sql.raw(`${alias}_d`);
  const l = sql.raw(`${alias}_l`);
  return {
    joins: sql`left join fx_days ${d} on ${d}.currency = ${currency} and ${d}.day = ${day}
      left join fx_ranges ${l} on ${l}.currency = ${currency} and ${l}.valid_to is null and ${day} > ${l}.valid_from`,
    rate: sql`(case when ${currency} = ${reportingCurrency} then 1::numeric else coalesce(${d}.rate, ${l}.rate) end)`,
  };
}
