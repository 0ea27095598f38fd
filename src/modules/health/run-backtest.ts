import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { computeAuc } from './compute-auc.ts';
import { findMeasureValues } from './find-measure-values.ts';
import { scoreAccount, type THealthBand } from './score-account.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

export type TBacktestBucket = { observations: number; churned: number; churn_rate: number | null };

export type TBacktestResult = {
  horizon_days: number;
  /** First and last month-end replayed (null when none). */
  from: string | null;
  to: string | null;
  snapshots: number;
  observations: number;
  churned: number;
  /** Customers at a month-end that no measure had data for: not scored, not counted above. */
  unscored: number;
  auc: number | null;
  bands: ({ band: THealthBand } & TBacktestBucket)[];
  calibration: ({ from: number; to: number } & TBacktestBucket)[];
  by_month: { date: string; observations: number; churned: number; auc: number | null }[];
};

type TObservation = { score: number; band: THealthBand; churned: boolean };

/**
 * Replays `definition` at every month-end of the history (issue 3 item 6): each account that was a
 * customer then (MRR > 0) is scored from data known at that day's end and counts as churned when it has a
 * `churn` movement in (month-end, month-end + horizon]. Only month-ends with a whole horizon of known
 * history after them are replayed, so that recent snapshots do not count churn yet to come as "stayed".
 * History ends at the last invoice issued (or the last movement, if earlier): paid periods run past it,
 * and the churn movements dated at their ends are only renewals not invoiced yet (the demo bills a month
 * ahead and annual plans end up to a year later). Months run from the first movement (or `from`) to `to`.
 */
export async function runBacktest({
  db,
  workspaceId,
  definition,
  horizonDays = 90,
  from,
  to,
}: {
  db: TDb;
  workspaceId: string;
  definition: TScorecardDefinition;
  horizonDays?: number;
  from?: string;
  to?: string;
}): Promise<TBacktestResult> {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 730) {
    throw new AppError('invalid_input', `horizon: expected whole days 1..730, got ${horizonDays}`);
  }
  const fromDay = from ? parseDay(from, 'start', 'from') : null;
  const toDay = to ? parseDay(to, 'end', 'to') : null;
  const { timezone } = await getWorkspace({ db, workspaceId });
  const { rows: dates } = await sql<{ date: string }>`
    with span as (
      select (select min(date) from mrr_movements where workspace_id = ${workspaceId}) as first_day,
        least((select max(date) from mrr_movements where workspace_id = ${workspaceId}),
          (select max((issued_at at time zone ${timezone}::text)::date) from invoices
            where workspace_id = ${workspaceId} and status <> 'draft')) as last_day
    ),
    ends as (
      select (m + interval '1 month' - interval '1 day')::date as date, span.first_day, span.last_day
      from span, generate_series(date_trunc('month', coalesce(${fromDay}::date, span.first_day)),
        date_trunc('month', coalesce(${toDay}::date, span.last_day)), interval '1 month') m
    )
    select date::text as date from ends
    where date >= first_day and date + ${horizonDays}::int <= last_day
      and (${toDay}::date is null or date <= ${toDay}::date)
    order by 1`.execute(db);

  const metrics = [...new Set(definition.measures.map((m) => m.metric))];
  const all: TObservation[] = [];
  const byMonth: TBacktestResult['by_month'] = [];
  let unscored = 0;
  for (const { date } of dates) {
    const { rows: customers } = await sql<{ account_id: string; churned: boolean }>`
      select m.account_id, bool_or(m.type = 'churn' and m.date > ${date}::date) as churned
      from mrr_movements m
      where m.workspace_id = ${workspaceId} and m.date <= ${date}::date + ${horizonDays}::int
      group by m.account_id
      having sum(m.mrr_after - m.mrr_before) filter (where m.date <= ${date}::date) > 0`.execute(db);
    if (customers.length === 0) continue;
    const churnedById = new Map(customers.map((c) => [c.account_id, c.churned]));
    const values = await findMeasureValues({
      db,
      workspaceId,
      at: date,
      accountIds: customers.map((c) => c.account_id),
      metrics,
    });
    const month: TObservation[] = [];
    for (const [accountId, record] of values) {
      const scored = scoreAccount(definition, record);
      if (!scored) {
        unscored++;
        continue;
      }
      month.push({ score: scored.score, band: scored.band, churned: churnedById.get(accountId) ?? false });
    }
    all.push(...month);
    byMonth.push({
      date,
      observations: month.length,
      churned: month.filter((o) => o.churned).length,
      auc: round(computeAuc(month), 4),
    });
  }

  return {
    horizon_days: horizonDays,
    from: dates[0]?.date ?? null,
    to: dates.at(-1)?.date ?? null,
    snapshots: byMonth.length,
    observations: all.length,
    churned: all.filter((o) => o.churned).length,
    unscored,
    auc: round(computeAuc(all), 4),
    bands: (['red', 'yellow', 'green'] as const).map((band) => ({
      band,
      ...bucket(all.filter((o) => o.band === band)),
    })),
    calibration: Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i * 10 + 10,
      // The last bucket includes 100.
      ...bucket(
        all.filter((o) => o.score >= i * 10 && (o.score < i * 10 + 10 || (i === 9 && o.score === 100))),
      ),
    })),
    by_month: byMonth,
  };
}

function bucket(observations: TObservation[]): TBacktestBucket {
  const churned = observations.filter((o) => o.churned).length;
  return {
    observations: observations.length,
    churned,
    churn_rate: observations.length > 0 ? round(churned / observations.length, 4) : null,
  };
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
