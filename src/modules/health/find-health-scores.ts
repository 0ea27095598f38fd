import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findLatestScoredDay } from './find-latest-scored-day.ts';
import { type TPublicMeasure, toPublicMeasures } from './public-measures.ts';
import { recomputeHealth } from './recompute-health.ts';
import type { THealthBand } from './score-account.ts';

export type THealthScoreRow = {
  account_id: string;
  name: string;
  score: number;
  band: THealthBand;
  scorecard: string;
  scorecard_version: number;
  /** Score now minus the latest stored score on or before 7 (30) days ago; null without one. */
  delta_7d: number | null;
  delta_30d: number | null;
  /** The same as delta_30d, under its name in shared/spec/cli.md. */
  trend_30d: number | null;
  measures: TPublicMeasure[];
};

export type THealthPortfolio = {
  date: string;
  total: number;
  distribution: Record<THealthBand, number>;
  accounts: THealthScoreRow[];
};

export const HEALTH_SORTS = ['score', 'delta_7d', '-delta_7d'] as const;
export type THealthSort = (typeof HEALTH_SORTS)[number];

/**
 * The portfolio on local day `at` (default today): how many accounts are red, yellow and green, and the
 * accounts (optionally of one band) from the lowest score up (or by their 7-day change: the biggest movers),
 * with their 7 and 30-day deltas. When nothing
 * is stored for that day yet, the workspace is scored first (`computeIfMissing`).
 */
export async function findHealthScores({
  db,
  workspaceId,
  at,
  band,
  limit = 50,
  offset = 0,
  sort = 'score',
  computeIfMissing = true,
}: {
  db: TDb;
  workspaceId: string;
  at?: string;
  band?: THealthBand;
  limit?: number;
  offset?: number;
  /** `score` lowest first (default); `delta_7d` biggest fall over 7 days first, `-delta_7d` biggest rise. */
  sort?: THealthSort;
  computeIfMissing?: boolean;
}): Promise<THealthPortfolio> {
  const workspace = await getWorkspace({ db, workspaceId });
  const date = at ?? todayIn(workspace.timezone);
  const distributionOf = () =>
    db
      .selectFrom('health_scores')
      .select(['band', sql<number>`count(*)::int`.as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('date', '=', date)
      .groupBy('band')
      .execute();
  let counts = await distributionOf();
  if (counts.length === 0 && computeIfMissing) {
    await recomputeHealth({ db, workspaceId, at: date });
    counts = await distributionOf();
  }
  const distribution = { red: 0, yellow: 0, green: 0 };
  for (const c of counts) distribution[c.band] = c.n;

  // The latest stored score on or before `days` days ago: one descending probe of health_scores_latest.
  const previous = (alias: string, days: number) => sql`left join lateral (
    select p.score from health_scores p
    where p.workspace_id = s.workspace_id and p.account_id = s.account_id
      and p.date <= ${date}::date - ${days}::int
    order by p.date desc limit 1) ${sql.raw(alias)} on true`;
  // The page first, over the narrow index health_scores_day alone (sorted by score, PostgreSQL reads the
  // page's entries in order and stops); the wide rows (every measure's explanation) are read for its
  // accounts only.
  const p7 = sort === 'score' ? null : await joinScoresBefore(db, workspaceId, date, 7);
  const page = await withAnalyticsSettings(db, (trx) =>
    sql<{ account_id: string }>`
      select s.account_id from health_scores s ${p7?.join ?? sql``}
      where s.workspace_id = ${workspaceId} and s.date = ${date}::date
        ${band === undefined ? sql`` : sql`and s.band = ${band}`}
      order by ${p7 ? sql`s.score - ${p7.score} ${sql.raw(sort === 'delta_7d' ? 'asc' : 'desc')} nulls last,` : sql``}
        s.score, s.account_id
      limit ${limit} offset ${offset}`.execute(trx),
  );
  const ids = page.rows.map((r) => r.account_id);
  const { rows: found } = await sql<{
    account_id: string;
    name: string;
    score: string;
    band: THealthBand;
    scorecard_id: string;
    scorecard_version: number;
    measures: unknown;
    score_7d: string | null;
    score_30d: string | null;
  }>`
    select s.account_id, a.name, s.score, s.band, s.scorecard_id, s.scorecard_version, s.measures,
      p7.score as score_7d, p30.score as score_30d
    from health_scores s
    join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
    ${previous('p7', 7)} ${previous('p30', 30)}
    where s.workspace_id = ${workspaceId} and s.date = ${date}::date and s.account_id = any(${ids}::text[])`.execute(
    db,
  );
  const byId = new Map(found.map((r) => [r.account_id, r]));
  const rows = ids.map((id) => byId.get(id)!);
  const delta = (now: string, then: string | null) =>
    then === null ? null : Math.round((Number(now) - Number(then)) * 100) / 100;
  return {
    date,
    total: band === undefined ? counts.reduce((sum, c) => sum + c.n, 0) : distribution[band],
    distribution,
    accounts: rows.map((r) => {
      const delta30 = delta(r.score, r.score_30d);
      return {
        account_id: r.account_id,
        name: r.name,
        score: Number(r.score),
        band: r.band,
        scorecard: r.scorecard_id,
        scorecard_version: r.scorecard_version,
        delta_7d: delta(r.score, r.score_7d),
        delta_30d: delta30,
        trend_30d: delta30,
        measures: toPublicMeasures(r.measures),
      };
    }),
  };
}

/**
 * Joins to `s` (a row of `date`) its account's latest stored score on or before `days` days before `date`,
 * as `score`; null when the workspace has no score that old (every change is then null, and the sort is by
 * score). It is the account's row of the latest scored day on or before then (one range of
 * health_scores_day, hash-joined with the day's rows); only an account without one (new, or not scored that
 * day) is probed for an earlier score, and only when the workspace has any. One probe per account instead
 * cost ~2 s at 100,000 accounts (issue 5).
 */
async function joinScoresBefore(db: TDb, workspaceId: string, date: string, days: number) {
  const then = new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const { day, hasEarlier } = await findLatestScoredDay({ db, workspaceId, onOrBefore: then });
  if (day === null) return null;
  const onDay = sql`left join health_scores o
    on o.workspace_id = s.workspace_id and o.date = ${day}::date and o.account_id = s.account_id`;
  if (!hasEarlier) return { join: onDay, score: sql`o.score` };
  return {
    join: sql`${onDay} left join lateral (
        select p.score from health_scores p
        where o.account_id is null and p.workspace_id = s.workspace_id and p.account_id = s.account_id
          and p.date < ${day}::date
        order by p.date desc
        limit 1
      ) e on true`,
    score: sql`coalesce(o.score, e.score)`,
  };
}
