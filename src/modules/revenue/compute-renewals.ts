import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { lineMrrCtes } from './sql-line-mrr.ts';
import { parseDay, periodStartOf, periodsCte, type TInterval, ZInterval } from './sql-periods.ts';
import { money, ratio, toNumber } from './sql-rounding.ts';

export type TRenewalPeriod = {
  period: string;
  start: string;
  end: string;
  up_for_renewal: number;
  renewed: number;
  renewal_rate: number | null;
  mrr_up_for_renewal: number;
  mrr_renewed: number;
  dollar_renewal_rate: number | null;
};

/**
 * Contract renewals per period (shared/spec/metrics.md "Renewal rate"). A subscription period of at least
 * `renewal.min_interval_months` (whole months by the same-day rule, else days / 30.4375) is up for renewal
 * in the period containing its `service_end`, once per subscription and end however many lines it has. It
 * is renewed when the same subscription has a line starting within `renewal.grace_days` after that end;
 * the renewing MRR is that of the lines of the first such start (a renewal may change the price, so the
 * dollar rate can exceed 1).
 */
export async function computeRenewals(input: {
  db: TDb;
  workspaceId: string;
  from: string;
  to: string;
  interval?: TInterval;
}): Promise<{ currency: string; periods: TRenewalPeriod[] }> {
  const { db, workspaceId } = input;
  const parsed = ZInterval.safeParse(input.interval ?? 'month');
  if (!parsed.success)
    throw new AppError('invalid_input', `interval: expected one of ${ZInterval.options.join(', ')}`);
  const interval = parsed.data;
  const from = parseDay(input.from, 'start', 'from');
  const to = parseDay(input.to, 'end', 'to');
  if (to < from) throw new AppError('invalid_input', `to (${input.to}) is before from (${input.from})`);
  const workspace = await getWorkspace({ db, workspaceId });
  const minMonths = workspace.settings['renewal.min_interval_months'];
  const graceDays = workspace.settings['renewal.grace_days'];
  const { rows } = await sql<Record<string, string | number | null>>`
    with ${periodsCte(interval, from, to)},
    ${lineMrrCtes({ workspace, extraWhere: renewalLines(workspaceId, minMonths, graceDays) })},
    ending as (
      select subscription_id, service_end, sum(mrr) as mrr
      from sub_lines
      where period_months >= ${minMonths}
        and service_end between (select min(p_start) from periods) and (select max(p_end) from periods)
      group by subscription_id, service_end
    ),
    starts as (
      select subscription_id, service_start, sum(mrr) as mrr
      from sub_lines where subscription_id in (select subscription_id from ending)
      group by subscription_id, service_start
    ),
    outcomes as (
      select distinct on (e.subscription_id, e.service_end) e.subscription_id, e.service_end, e.mrr,
        s.mrr as renewed_mrr
      from ending e
      left join starts s on s.subscription_id = e.subscription_id
        and s.service_start between e.service_end and e.service_end + ${graceDays}::int
      order by e.subscription_id, e.service_end, s.service_start
    ),
    sums as (
      select p.period, count(*) as up_for_renewal, count(o.renewed_mrr) as renewed, sum(o.mrr) as mrr_up,
        coalesce(sum(o.renewed_mrr), 0) as mrr_renewed
      from outcomes o join periods p on p.p_start = ${periodStartOf(interval, sql`o.service_end`)}
      group by p.period
    )
    select p.period, p.p_start as start, p.p_end as "end",
      coalesce(s.up_for_renewal, 0) as up_for_renewal, coalesce(s.renewed, 0) as renewed,
      ${ratio(sql`s.renewed`, sql`s.up_for_renewal`)} as renewal_rate,
      ${money(sql`coalesce(s.mrr_up, 0)`)} as mrr_up_for_renewal,
      ${money(sql`coalesce(s.mrr_renewed, 0)`)} as mrr_renewed,
      ${ratio(sql`s.mrr_renewed`, sql`s.mrr_up`)} as dollar_renewal_rate
    from periods p left join sums s on s.period = p.period
    order by p.p_start`.execute(db);
  return {
    currency: workspace.reportingCurrency,
    periods: rows.map((r) => ({
      period: String(r.period),
      start: String(r.start),
      end: String(r.end),
      up_for_renewal: Number(r.up_for_renewal),
      renewed: Number(r.renewed),
      renewal_rate: toNumber(r.renewal_rate),
      mrr_up_for_renewal: toNumber(r.mrr_up_for_renewal)!,
      mrr_renewed: toNumber(r.mrr_renewed)!,
      dollar_renewal_rate: toNumber(r.dollar_renewal_rate),
    })),
  };
}

/**
 * Only the lines a renewal can involve, found on the raw lines before any of them is converted: those
 * ending in the periods that may last the minimum interval (a month has at least 28 days, so a line of
 * `period_months` ≥ m has ≥ 28·m days), and the lines of those subscriptions starting within the periods
 * plus the grace days. Every other line is dropped by `ending` and `starts` anyway; at 100,000 accounts
 * this skips computing the MRR of a million monthly lines.
 */
function renewalLines(workspaceId: string, minMonths: number, graceDays: number): RawBuilder<unknown> {
  const lo = sql`(select min(p_start) from periods)`;
  const hi = sql`(select max(p_end) from periods)`;
  const isEnding = (l: string) =>
    sql`${sql.ref(`${l}.service_end`)} between ${lo} and ${hi}
      and ${sql.ref(`${l}.service_end`)} - ${sql.ref(`${l}.service_start`)} >= 28 * ${minMonths}::numeric`;
  return sql`and ((${isEnding('l')}) or (l.service_start between ${lo} and ${hi} + ${graceDays}::int
    and l.subscription_id in (select e.subscription_id from invoice_lines e
      where e.workspace_id = ${workspaceId} and e.type = 'subscription' and ${isEnding('e')})))`;
}
