import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { lineMrrCtes } from '../revenue/sql-line-mrr.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TGrandfathered = {
  account_id: string;
  name: string;
  subscription_id: string;
  plan_id: string;
  plan_name: string;
  version: string;
  newest_plan_id: string;
  newest_version: string;
  quantity: number;
  mrr: number;
  mrr_at_newest: number;
  uplift: number;
};

export type TGrandfatheredReport = {
  currency: string;
  at: string;
  totals: { accounts: number; mrr: number; mrr_at_newest: number; uplift: number };
  customers: TGrandfathered[];
};

/**
 * Customers still paying an old price (issue 4 §8). Plans of one `name` are versions of one plan; the
 * newest is the greatest `version`, compared as numbers when every version of that name is numeric
 * (`2` < `10`), else as text in byte order (collation "C", the same on every engine). A subscription is
 * grandfathered at `at` when it is active or past due, its plan is an older version than the newest, and
 * the newest's monthly-normalised amount (month: amount / count; year: / 12 × count; week and day:
 * × 30.4375 / days, as shared/spec/metrics.md normalises) is higher, in the same currency.
 * Current MRR is that of the subscription's lines covering `at` (revenue module's line MRR, reporting
 * currency); MRR at the newest price = newest monthly amount × the lines' quantity, converted at the
 * same FX rate as the lines; uplift = the difference.
 */
export async function findGrandfatheredCustomers({
  db,
  workspaceId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
}): Promise<TGrandfatheredReport> {
  const day = parseDay(at, 'end', 'at');
  const workspace = await getWorkspace({ db, workspaceId });
  const { rows } = await sql<Record<string, string | number | null>>`
    with ${lineMrrCtes({
      workspace,
      extraWhere: sql`and l.service_start <= ${day}::date and l.service_end > ${day}::date`,
    })},
    versions as (
      select id, name, version, currency,
        case interval_unit when 'month' then amount / interval_count
          when 'year' then amount / (12 * interval_count)
          when 'week' then amount * 30.4375 / (7 * interval_count)
          else amount * 30.4375 / interval_count end as monthly,
        bool_and(version ~ '^[0-9]+(\\.[0-9]+)?$') over (partition by name) as is_numeric
      from plans where workspace_id = ${workspaceId} and version is not null and amount is not null
    ),
    ranked as (
      select v.*, row_number() over (partition by name
        order by case when is_numeric then version::numeric end desc nulls last, version collate "C" desc, id) as rn
      from versions v
    ),
    current_lines as (
      select sl.subscription_id, sum(sl.mrr) as mrr, sum(il.quantity) as quantity, max(sl.fx_rate) as fx_rate,
        max(sl.currency) as currency
      from sub_lines sl
      join invoice_lines il on il.workspace_id = ${workspaceId} and il.id = sl.line_id
      group by sl.subscription_id
    ),
    grandfathered as (
      select s.account_id, s.id as subscription_id, p.id as plan_id, p.name as plan_name, p.version,
        n.id as newest_plan_id, n.version as newest_version, cl.quantity, cl.mrr,
        n.monthly * cl.quantity * cl.fx_rate as mrr_at_newest
      from subscriptions s
      join ranked p on p.id = s.plan_id
      join ranked n on n.name = p.name and n.rn = 1
      join current_lines cl on cl.subscription_id = s.id
      where s.workspace_id = ${workspaceId} and s.status in ('active', 'past_due')
        and n.monthly > p.monthly and n.currency is not distinct from p.currency
        and case when p.is_numeric then n.version::numeric > p.version::numeric
          else n.version collate "C" > p.version collate "C" end
    )
    select g.account_id, g.subscription_id, g.plan_id, g.plan_name, g.version, g.newest_plan_id,
      g.newest_version, g.quantity, a.name, ${money(sql`g.mrr`)} as mrr, ${money(sql`g.mrr_at_newest`)} as mrr_at_newest,
      ${money(sql`g.mrr_at_newest - g.mrr`)} as uplift,
      ${money(sql`sum(g.mrr) over ()`)} as total_mrr,
      ${money(sql`sum(g.mrr_at_newest) over ()`)} as total_mrr_at_newest,
      ${money(sql`sum(g.mrr_at_newest - g.mrr) over ()`)} as total_uplift
    from grandfathered g join accounts a on a.workspace_id = ${workspaceId} and a.id = g.account_id
    order by g.mrr_at_newest - g.mrr desc, g.account_id, g.subscription_id`.execute(db);
  const first = rows[0];
  return {
    currency: workspace.reportingCurrency,
    at: day,
    totals: {
      accounts: new Set(rows.map((r) => r.account_id)).size,
      mrr: toNumber(first?.total_mrr) ?? 0,
      mrr_at_newest: toNumber(first?.total_mrr_at_newest) ?? 0,
      uplift: toNumber(first?.total_uplift) ?? 0,
    },
    customers: rows.map((r) => ({
      account_id: String(r.account_id),
      name: String(r.name),
      subscription_id: String(r.subscription_id),
      plan_id: String(r.plan_id),
      plan_name: String(r.plan_name),
      version: String(r.version),
      newest_plan_id: String(r.newest_plan_id),
      newest_version: String(r.newest_version),
      quantity: Number(r.quantity),
      mrr: toNumber(r.mrr)!,
      mrr_at_newest: toNumber(r.mrr_at_newest)!,
      uplift: toNumber(r.uplift)!,
    })),
  };
}
