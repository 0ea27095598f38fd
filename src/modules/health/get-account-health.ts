import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { type TPublicMeasure, toExplanation, toPublicMeasures } from './public-measures.ts';
import { recomputeHealth } from './recompute-health.ts';
import type { THealthBand } from './score-account.ts';

export type TMeasureChange = {
  key: string;
  label: string;
  value_then: number | null;
  value_now: number | null;
  contribution_then: number;
  contribution_now: number;
  delta: number;
};

export type THealthChange = {
  /** The stored score compared with: the latest on or before 7 (or 30) days ago. */
  date: string;
  score_then: number;
  score_now: number;
  band_then: THealthBand;
  delta: number;
  /** Measures by how much their contribution moved, largest first: "what changed most". */
  measures: TMeasureChange[];
};

export type TAccountHealth = {
  account_id: string;
  name: string;
  date: string;
  score: number;
  band: THealthBand;
  scorecard: { id: string; version: number; name: string };
  trend: Array<{ date: string; score: number; band: THealthBand }>;
  explanation: TPublicMeasure[];
  missing: string[];
  redistributed: boolean;
  note: string | null;
  changes: { since_7_days: THealthChange | null; since_30_days: THealthChange | null };
};

const TREND_DAYS = 90;

const round2 = (n: number) => Math.round(n * 100) / 100;

type TScoreRow = { date: string; score: string; band: THealthBand; measures: unknown };

/**
 * One account's health on local day `at` (default today): score, band, the scorecard version that made it,
 * the stored trend of the last 90 days, each measure's value, score, weight and contribution, and what
 * changed most since 7 and 30 days ago (issue 3 item 5). When that day has no stored score it is computed
 * and stored first (`computeIfMissing`).
 */
export async function getAccountHealth({
  db,
  workspaceId,
  accountId,
  at,
  computeIfMissing = true,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  at?: string;
  computeIfMissing?: boolean;
}): Promise<TAccountHealth> {
  const workspace = await getWorkspace({ db, workspaceId });
  const date = at ?? todayIn(workspace.timezone);
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('not_found', `no account "${accountId}"`);

  const readDay = () =>
    db
      .selectFrom('health_scores as s')
      .innerJoin('health_scorecards as c', (join) =>
        join
          .onRef('c.workspace_id', '=', 's.workspace_id')
          .onRef('c.id', '=', 's.scorecard_id')
          .onRef('c.version', '=', 's.scorecard_version'),
      )
      .select([
        's.date',
        's.score',
        's.band',
        's.measures',
        's.scorecard_id',
        's.scorecard_version',
        'c.name',
      ])
      .where('s.workspace_id', '=', workspaceId)
      .where('s.account_id', '=', accountId)
      .where('s.date', '=', date)
      .executeTakeFirst();
  let day = await readDay();
  if (!day && computeIfMissing) {
    await recomputeHealth({ db, workspaceId, at: date, accountIds: [accountId] });
    day = await readDay();
  }
  if (!day) {
    throw new AppError(
      'not_found',
      `account "${accountId}" has no health score on ${date}: no measure has data`,
    );
  }

  const trend = await db
    .selectFrom('health_scores')
    .select(['date', 'score', 'band'])
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('date', '<=', date)
    .where(sql<boolean>`date > ${date}::date - ${TREND_DAYS}::int`)
    .orderBy('date')
    .execute();
  const before = async (days: number) =>
    (await db
      .selectFrom('health_scores')
      .select(['date', 'score', 'band', 'measures'])
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where(sql<boolean>`date <= ${date}::date - ${days}::int`)
      .orderBy('date', 'desc')
      .limit(1)
      .executeTakeFirst()) as TScoreRow | undefined;

  const explanation = toExplanation(day.measures);
  const now = { date: day.date, score: day.score, band: day.band, measures: day.measures } as TScoreRow;
  return {
    account_id: account.id,
    name: account.name,
    date,
    score: Number(day.score),
    band: day.band,
    scorecard: { id: day.scorecard_id, version: day.scorecard_version, name: day.name },
    trend: trend.map((t) => ({ date: t.date, score: Number(t.score), band: t.band })),
    explanation: toPublicMeasures(day.measures),
    missing: explanation.missing,
    redistributed: explanation.redistributed,
    note: explanation.note ?? null,
    changes: {
      since_7_days: compare(await before(7), now),
      since_30_days: compare(await before(30), now),
    },
  };
}

/** Score delta and each measure's contribution change (measures of either scorecard version). */
function compare(then: TScoreRow | undefined, now: TScoreRow): THealthChange | null {
  if (!then) return null;
  const thenMeasures = new Map(toExplanation(then.measures).measures.map((m) => [m.key, m]));
  const nowMeasures = new Map(toExplanation(now.measures).measures.map((m) => [m.key, m]));
  const keys = [...new Set([...nowMeasures.keys(), ...thenMeasures.keys()])];
  const measures = keys.map((key) => {
    const a = thenMeasures.get(key);
    const b = nowMeasures.get(key);
    const contributionThen = a?.contribution ?? 0;
    const contributionNow = b?.contribution ?? 0;
    return {
      key,
      label: (b ?? a)!.label,
      value_then: a?.value ?? null,
      value_now: b?.value ?? null,
      contribution_then: contributionThen,
      contribution_now: contributionNow,
      delta: round2(contributionNow - contributionThen),
    };
  });
  measures.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.key.localeCompare(y.key));
  const scoreThen = Number(then.score);
  const scoreNow = Number(now.score);
  return {
    date: then.date,
    score_then: scoreThen,
    score_now: scoreNow,
    band_then: then.band,
    delta: round2(scoreNow - scoreThen),
    measures,
  };
}
