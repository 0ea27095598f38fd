import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { periodMonths } from '../revenue/sql-line-mrr.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TAnnualCandidate = {
  account_id: string;
  name: string;
  owner_email: string | null;
  mrr: number;
  first_mrr_date: string;
  tenure_months: number;
  health_band: 'green';
  annual_price: number;
  clv_monthly: number | null;
  clv_annual: number | null;
  clv_change: number | null;
};

export type TAnnualCandidates = {
  currency: string;
  at: string;
  discount_percent: number;
  churn_rates: { monthly: number | null; annual: number | null; overall: number | null };
  totals: {
    accounts: number;
    mrr: number;
    annual_price: number;
    clv_monthly: number | null;
    clv_annual: number | null;
    clv_change: number | null;
  };
  candidates: TAnnualCandidate[];
};

/**
 * Accounts worth offering an annual plan at a discount (issue 4 §8). A candidate, at day `at`:
 * - has an `active` subscription billed monthly: its plan is `month` × 1, or it has no plan and its latest
 *   subscription line started by `at` spans about a month (0.9–1.1 months, shared/spec/metrics.md "MRR of
 *   an invoice line" normalising);
 * - has MRR > 0 at `at` (sum of its movements) and its latest health score on or before `at` is green;
 * - first had MRR (its `new` movement) less than 12 months before `at`.
 * Per candidate: annual price = MRR × 12 × (1 − d); CLV follows metrics.md "LTV" with the account's MRR as
 * ARPA: CLV monthly = MRR × gross margin / r_monthly, CLV annual = MRR × (1 − d) × gross margin / r_annual,
 * change = annual − monthly. r_g is the observed monthly customer churn rate of group g over the 12
 * months before `at`: churn movements of the group's accounts / customers of the group at the start of
 * each of the 12 months (the average of the monthly rates weighted by customers at start). An account's
 * group is the billing interval of its latest subscription line started by `at` (≈ 1 month: monthly,
 * ≥ 12 months: annual). A group with no customer-months uses the overall rate; a rate of 0 gives null CLV.
 */
export async function findAnnualSwitchCandidates({
  db,
  workspaceId,
  at,
  discountPercent = 15,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
  discountPercent?: number;
}): Promise<TAnnualCandidates> {
  const day = parseDay(at, 'end', 'at');
  if (!(Number.isFinite(discountPercent) && discountPercent >= 0 && discountPercent < 100)) {
    throw new AppError(
      'invalid_input',
      `discount: expected a percentage from 0 to under 100, got ${discountPercent}`,
    );
  }
  const workspace = await getWorkspace({ db, workspaceId });
  const d = sql`(${String(discountPercent)}::numeric / 100)`;
  const gm = sql`${String(workspace.settings['ltv.gross_margin'])}::numeric`;
  const isMonthly = (months: ReturnType<typeof sql>) => sql`${months} between 0.9 and 1.1`;
  // A line's length is all `groups` and `monthly_accounts` need of it (no MRR, so no FX conversion of
  // every line); customers at each month start come from one pass over the movements (`spans`).
  const ctes = sql`sub_lines as (
      select i.account_id, l.id as line_id, l.subscription_id, l.service_start, l.service_end
      from invoice_lines l
      join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
      where l.workspace_id = ${workspaceId} and l.type = 'subscription' and i.status in ('open', 'paid')
        and l.service_start <= ${day}::date
    ),
    groups as (
      select account_id,
        case when ${isMonthly(sql`period_months`)} then 'monthly' when period_months >= 11.9 then 'annual' end as grp
      from (
        select distinct on (account_id) account_id, ${periodMonths(sql`service_start`, sql`service_end`)} as period_months
        from sub_lines order by account_id, service_start desc, line_id desc
      ) latest
    ),
    months as (
      select ((${day}::date + 1) - make_interval(months => k))::date as m_start from generate_series(1, 12) k
    ),
    -- Each account's MRR from one movement to the next (its running sum of changes); an account was a
    -- customer at a month's start when the span its latest earlier movement opens has MRR above zero.
    spans as (
      select account_id, date, lead(date) over w as next_date,
        sum(mrr_after - mrr_before) over (w rows between unbounded preceding and current row) as mrr
      from mrr_movements
      where workspace_id = ${workspaceId}
      window w as (partition by account_id order by date)
    ),
    starts as (
      select g.grp, count(*) as n
      from spans s
      join months mo on s.date < mo.m_start and (s.next_date is null or s.next_date >= mo.m_start)
      join groups g on g.account_id = s.account_id
      where s.mrr > 0
      group by g.grp
    ),
    churned as (
      select g.grp, count(*) as n
      from mrr_movements m join groups g on g.account_id = m.account_id
      where m.workspace_id = ${workspaceId} and m.type = 'churn'
        and m.date >= (select min(m_start) from months) and m.date <= ${day}::date
      group by g.grp
    ),
    rates as (
      select
        (select coalesce(sum(n), 0) from churned) / nullif((select sum(n) from starts), 0)::numeric as overall,
        (select coalesce(sum(n), 0) from churned where grp = 'monthly')
          / nullif((select sum(n) from starts where grp = 'monthly'), 0)::numeric as monthly,
        (select coalesce(sum(n), 0) from churned where grp = 'annual')
          / nullif((select sum(n) from starts where grp = 'annual'), 0)::numeric as annual
    ),
    used as (select coalesce(monthly, overall) as r_monthly, coalesce(annual, overall) as r_annual, * from rates),
    monthly_accounts as (
      select distinct s.account_id
      from subscriptions s
      left join plans p on p.workspace_id = s.workspace_id and p.id = s.plan_id
      left join (
        select distinct on (subscription_id, account_id) subscription_id, account_id,
          ${periodMonths(sql`service_start`, sql`service_end`)} as period_months
        from sub_lines order by subscription_id, account_id, service_start desc, line_id desc
      ) l on l.subscription_id = s.id and l.account_id = s.account_id
      where s.workspace_id = ${workspaceId} and s.status = 'active'
        and ((p.interval_unit = 'month' and p.interval_count = 1) or (p.id is null and ${isMonthly(sql`l.period_months`)}))
    ),
    mrr as (
      select account_id, sum(mrr_after - mrr_before) as mrr,
        min(date) filter (where type = 'new') as first_date
      from mrr_movements where workspace_id = ${workspaceId} and date <= ${day}::date
      group by account_id
    ),
    bands as (
      select distinct on (account_id) account_id, band from health_scores
      where workspace_id = ${workspaceId} and date <= ${day}::date
      order by account_id, date desc
    ),
    candidates as (
      select a.id as account_id, a.name, a.owner_email, m.mrr, m.first_date,
        (date_part('year', age(${day}::date, m.first_date)) * 12
          + date_part('month', age(${day}::date, m.first_date)))::int as tenure_months,
        m.mrr * 12 * (1 - ${d}) as annual_price,
        m.mrr * ${gm} / nullif(u.r_monthly, 0) as clv_monthly,
        m.mrr * (1 - ${d}) * ${gm} / nullif(u.r_annual, 0) as clv_annual
      from mrr m
      join monthly_accounts ma on ma.account_id = m.account_id
      join bands b on b.account_id = m.account_id and b.band = 'green'
      join accounts a on a.workspace_id = ${workspaceId} and a.id = m.account_id
      cross join used u
      where m.mrr > 0 and m.first_date > ${day}::date - interval '12 months'
    )`;
  const r6 = (v: RawBuilder<unknown>) => sql<string | null>`round(${v}, 6)`;
  // One statement for the rates and the candidates: the CTEs (every line's period, every account's MRR
  // spans) are computed once. The rates ride on every row; with no candidate, one row of rates alone.
  const { rows: joined } = await withAnalyticsSettings(db, (trx) =>
    sql<Record<string, string | number | null>>`
    with ${ctes}
    select r.rate_monthly, r.rate_annual, r.rate_overall,
      c.account_id, c.name, c.owner_email, c.first_date::text as first_mrr_date, c.tenure_months,
      ${money(sql`c.mrr`)} as mrr, ${money(sql`c.annual_price`)} as annual_price,
      ${money(sql`c.clv_monthly`)} as clv_monthly, ${money(sql`c.clv_annual`)} as clv_annual,
      ${money(sql`c.clv_annual - c.clv_monthly`)} as clv_change,
      ${money(sql`sum(c.mrr) over ()`)} as total_mrr, ${money(sql`sum(c.annual_price) over ()`)} as total_annual_price,
      ${money(sql`sum(c.clv_monthly) over ()`)} as total_clv_monthly,
      ${money(sql`sum(c.clv_annual) over ()`)} as total_clv_annual,
      ${money(sql`sum(c.clv_annual - c.clv_monthly) over ()`)} as total_clv_change
    from (select ${r6(sql`monthly`)} as rate_monthly, ${r6(sql`annual`)} as rate_annual,
      ${r6(sql`overall`)} as rate_overall from rates) r
    left join candidates c on true
    order by c.mrr desc, c.account_id`.execute(trx),
  );
  const rates = {
    monthly: joined[0]?.rate_monthly ?? null,
    annual: joined[0]?.rate_annual ?? null,
    overall: joined[0]?.rate_overall ?? null,
  };
  const rows = joined.filter((r) => r.account_id !== null);
  const first = rows[0];
  return {
    currency: workspace.reportingCurrency,
    at: day,
    discount_percent: discountPercent,
    churn_rates: {
      monthly: toNumber(rates.monthly),
      annual: toNumber(rates.annual),
      overall: toNumber(rates.overall),
    },
    totals: {
      accounts: rows.length,
      mrr: toNumber(first?.total_mrr) ?? 0,
      annual_price: toNumber(first?.total_annual_price) ?? 0,
      clv_monthly: toNumber(first?.total_clv_monthly),
      clv_annual: toNumber(first?.total_clv_annual),
      clv_change: toNumber(first?.total_clv_change),
    },
    candidates: rows.map((r) => ({
      account_id: String(r.account_id),
      name: String(r.name),
      owner_email: r.owner_email === null ? null : String(r.owner_email),
      mrr: toNumber(r.mrr)!,
      first_mrr_date: String(r.first_mrr_date),
      tenure_months: Number(r.tenure_months),
      health_band: 'green' as const,
      annual_price: toNumber(r.annual_price)!,
      clv_monthly: toNumber(r.clv_monthly),
      clv_annual: toNumber(r.clv_annual),
      clv_change: toNumber(r.clv_change),
    })),
  };
}
