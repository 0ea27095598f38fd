import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { fxUsesCte } from './sql-fx-uses.ts';

export type TFxRateRef = { date: string; rate: string };

export type TFxCurrencyUse = {
  currency: string;
  is_reporting: boolean;
  /** Amounts in this currency that the metrics convert (invoices, invoice lines, payments, costs). */
  records: number;
  first_day: string | null;
  last_day: string | null;
  rates: number;
  first_rate_date: string | null;
  latest_rate: TFxRateRef | null;
  /** Months with amounts in this currency and no rate dated in them (listed in `missing_months`). */
  months_missing: number;
  /** Amounts dated before the currency's first rate: they have no rate to convert at (an import refuses them). */
  records_without_rate: number;
};

export type TFxMissingMonth = {
  currency: string;
  /** `YYYY-MM` */
  month: string;
  records: number;
  /** The rate its amounts convert at instead (the latest one before the month), or null: none to fall back to. */
  fallback: TFxRateRef | null;
};

export type TFxCoverage = {
  reporting_currency: string;
  currencies: TFxCurrencyUse[];
  missing_months: TFxMissingMonth[];
};

/**
 * Which currencies the workspace's money is in and how well its FX rates cover them, for a finance user
 * keeping the rates up to date. An amount converts at "the latest rate on or before the relevant date"
 * (shared/spec/data.md, src/modules/revenue/sql-fx.ts), so a month whose amounts have no rate published in
 * that month silently converts at an older one: each such month is listed with the rate it falls back to
 * (null when there is none, which the import would refuse). Only months that hold amounts are checked: a
 * rate for a month without amounts converts nothing. Newest months first.
 */
export async function findFxCoverage({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TFxCoverage> {
  const workspace = await getWorkspace({ db, workspaceId });
  const reporting = workspace.reportingCurrency;
  const uses = fxUsesCte(workspaceId, workspace.timezone);
  // Two independent scans of every amount: on a server they run at once on two connections.
  const [months, currencies] = await Promise.all([
    sql<{
      currency: string;
      month: string;
      records: number;
      fallback_date: string | null;
      fallback_rate: string | null;
    }>`
    with ${uses},
    months as (
      select currency, date_trunc('month', day)::date as month, count(*)::int as records
      from fx_uses where currency <> ${reporting}::text group by 1, 2
    )
    select m.currency, to_char(m.month, 'YYYY-MM') as month, m.records,
      fb.date as fallback_date, fb.rate as fallback_rate
    from months m
    left join lateral (select f.date, f.rate from fx_rates f
      where f.workspace_id = ${workspaceId} and f.currency = m.currency::char(3) and f.date < m.month
      order by f.date desc limit 1) fb on true
    where not exists (select 1 from fx_rates f
      where f.workspace_id = ${workspaceId} and f.currency = m.currency::char(3)
        and f.date >= m.month and f.date < (m.month + interval '1 month')::date)
    order by m.month desc, m.currency`.execute(db),
    sql<{
      currency: string;
      records: number;
      first_day: string | null;
      last_day: string | null;
      rates: number;
      first_rate_date: string | null;
      latest_date: string | null;
      latest_rate: string | null;
      records_without_rate: number;
    }>`
    with ${uses},
    rated as (
      select trim(currency) as currency, count(*)::int as rates, min(date) as first_rate, max(date) as last_rate
      from fx_rates where workspace_id = ${workspaceId} group by 1
    ),
    used as (
      select u.currency, count(*)::int as records, min(u.day) as first_day, max(u.day) as last_day,
        (count(*) filter (where u.currency <> ${reporting}::text
          and (r.first_rate is null or u.day < r.first_rate)))::int as records_without_rate
      from fx_uses u left join rated r on r.currency = u.currency
      group by u.currency
    )
    select coalesce(u.currency, r.currency) as currency, coalesce(u.records, 0) as records,
      u.first_day, u.last_day, coalesce(r.rates, 0) as rates, r.first_rate as first_rate_date,
      r.last_rate as latest_date, lr.rate as latest_rate,
      coalesce(u.records_without_rate, 0) as records_without_rate
    from used u
    full join rated r on r.currency = u.currency
    left join fx_rates lr on lr.workspace_id = ${workspaceId} and lr.currency = r.currency::char(3)
      and lr.date = r.last_rate
    order by coalesce(u.currency, r.currency) = ${reporting}::text desc, coalesce(u.records, 0) desc, 1`.execute(
      db,
    ),
  ]);
  const missingByCurrency = new Map<string, number>();
  for (const m of months.rows)
    missingByCurrency.set(m.currency, (missingByCurrency.get(m.currency) ?? 0) + 1);
  return {
    reporting_currency: reporting,
    currencies: currencies.rows.map((c) => ({
      currency: c.currency,
      is_reporting: c.currency === reporting,
      records: Number(c.records),
      first_day: c.first_day,
      last_day: c.last_day,
      rates: Number(c.rates),
      first_rate_date: c.first_rate_date,
      latest_rate: c.latest_date && c.latest_rate ? { date: c.latest_date, rate: c.latest_rate } : null,
      months_missing: missingByCurrency.get(c.currency) ?? 0,
      records_without_rate: Number(c.records_without_rate),
    })),
    missing_months: months.rows.map((m) => ({
      currency: m.currency,
      month: m.month,
      records: Number(m.records),
      fallback: m.fallback_date && m.fallback_rate ? { date: m.fallback_date, rate: m.fallback_rate } : null,
    })),
  };
}
