import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { money, ratio, toNumber } from '../revenue/sql-rounding.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TRecoveryFigures = {
  cases: number;
  recovered: number;
  failed: number;
  open: number;
  /** recovered / cases; null with no cases. */
  recovery_rate: number | null;
  /** Invoice amounts recovered, in the reporting currency at the rate of the day each case opened. */
  recovered_amount: number;
  /** MRR (reporting currency, when the case opened) of the accounts whose cases were recovered. */
  recovered_mrr: number;
  /** MRR of the accounts whose cases failed (the final action ran). */
  lost_mrr: number;
};

export type TRecoveryMetrics = TRecoveryFigures & {
  currency: string;
  from: string;
  to: string;
  by_decline_code: (TRecoveryFigures & { decline_code: string | null })[];
  by_recovered_attempt: (TRecoveryFigures & { attempt: number | null })[];
  by_tier: (TRecoveryFigures & { tier: string | null })[];
};

/**
 * Dunning recovery over the cases opened in [from, to) (days `YYYY-MM-DD` or ISO instants): how many
 * recovered, how much and how much MRR, and the MRR lost, in total and by the first decline code, by the
 * attempt that recovered (null: paid another way, e.g. the customer paid by hand), and by tier.
 */
export async function computeRecoveryMetrics({
  db,
  workspaceId,
  from,
  to,
}: {
  db: TDb;
  workspaceId: string;
  from: string;
  to: string;
}): Promise<TRecoveryMetrics> {
  const workspace = await getWorkspace({ db, workspaceId });
  const tz = workspace.timezone;
  const [start, end] = [parseInstant(from, 'from', tz), parseInstant(to, 'to', tz)];
  const figures = async <K extends string>(
    key: RawBuilder<unknown> | null,
    name: K,
    onlyRecovered = false,
  ) => {
    const group = key ?? sql`1`;
    const { rows } = await sql<Record<string, string | number | null>>`
      select ${group} as key, count(*) as cases,
        count(*) filter (where status = 'recovered') as recovered,
        count(*) filter (where status = 'failed') as failed,
        count(*) filter (where status = 'open') as open,
        ${ratio(sql`count(*) filter (where status = 'recovered')`, sql`count(*)`)} as recovery_rate,
        ${money(sql`coalesce(sum(amount_reporting) filter (where status = 'recovered'), 0)`)} as recovered_amount,
        ${money(sql`coalesce(sum(mrr) filter (where status = 'recovered'), 0)`)} as recovered_mrr,
        ${money(sql`coalesce(sum(mrr) filter (where status = 'failed'), 0)`)} as lost_mrr
      from dunning_cases
      where workspace_id = ${workspaceId} and opened_at >= ${start} and opened_at < ${end}
        ${onlyRecovered ? sql`and status = 'recovered'` : sql``}
      group by ${group}
      order by ${group} nulls last`.execute(db);
    return rows.map((r) => ({
      [name]: r.key,
      cases: Number(r.cases),
      recovered: Number(r.recovered),
      failed: Number(r.failed),
      open: Number(r.open),
      recovery_rate: toNumber(r.recovery_rate),
      recovered_amount: toNumber(r.recovered_amount) ?? 0,
      recovered_mrr: toNumber(r.recovered_mrr) ?? 0,
      lost_mrr: toNumber(r.lost_mrr) ?? 0,
    })) as (TRecoveryFigures & Record<K, never>)[];
  };
  const [total] = await figures(null, 'total');
  const empty: TRecoveryFigures = {
    cases: 0,
    recovered: 0,
    failed: 0,
    open: 0,
    recovery_rate: null,
    recovered_amount: 0,
    recovered_mrr: 0,
    lost_mrr: 0,
  };
  const { total: _, ...totals } = (total ?? { ...empty, total: null }) as TRecoveryFigures & {
    total: unknown;
  };
  return {
    currency: workspace.reportingCurrency,
    from,
    to,
    ...totals,
    by_decline_code: (await figures(
      sql`first_failure_code`,
      'decline_code',
    )) as TRecoveryMetrics['by_decline_code'],
    by_recovered_attempt: (await figures(
      sql`recovered_attempt`,
      'attempt',
      true,
    )) as TRecoveryMetrics['by_recovered_attempt'],
    by_tier: (await figures(sql`tier`, 'tier')) as TRecoveryMetrics['by_tier'],
  };
}

/** An ISO instant, or a day `YYYY-MM-DD` meaning its start in the workspace time zone. */
function parseInstant(value: string, name: string, timeZone: string): RawBuilder<unknown> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return sql`(${value}::timestamp at time zone ${timeZone}::text)`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError('invalid_input', `"${name}" is not a date: ${value}`);
  return sql`${date}::timestamptz`;
}
