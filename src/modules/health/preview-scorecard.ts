import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findMeasureValues } from './find-measure-values.ts';
import { getScorecard } from './get-scorecard.ts';
import { runBacktest, type TBacktestResult } from './run-backtest.ts';
import { scoreAccount, type THealthBand } from './score-account.ts';
import type { TAppliesTo } from './scorecard-input.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';
import { measureScopeCtes } from './sql-measure-scope.ts';

/** Above this many accounts the preview scores a sample: a live preview must answer while the user types. */
export const PREVIEW_SAMPLE_SIZE = 2_000;
const TOP_MOVERS = 10;
const BANDS = ['red', 'yellow', 'green'] as const;

/** `none`: the account has no score (no data for any measure, or nothing stored for it). */
export type TPreviewBand = THealthBand | 'none';
type TScored = { score: number; band: THealthBand };
type TColumn = { count: number; share: number | null };

export type TPreviewMover = {
  account_id: string;
  name: string;
  current_score: number;
  current_band: THealthBand;
  draft_score: number;
  draft_band: THealthBand;
  change: number;
};

export type TScorecardPreview = {
  /** The local day scored: the latest day with stored scores (up to today), else today. */
  date: string;
  /** Accounts in scope that day (customers, trials, accounts without billing), of `applies_to` if given. */
  population: number;
  sampled: boolean;
  sample_size: number;
  compared_with:
    | { kind: 'stored'; date: string }
    | { kind: 'scorecard'; id: string; version: number; name: string };
  bands: { band: THealthBand; current: TColumn; draft: TColumn }[];
  unscored: { current: number; draft: number };
  mean_score: { current: number | null; draft: number | null };
  band_changes: { total: number; matrix: Record<TPreviewBand, Record<TPreviewBand, number>> };
  movers: { up: TPreviewMover[]; down: TPreviewMover[] };
  measures: {
    key: string;
    label: string;
    metric: string;
    weight: number;
    /** Share of the total weight when every measure has data (groups split among their measures). */
    nominal_share: number;
    /** Mean share after redistribution over the accounts the draft scores. */
    effective_share: number | null;
    /** Accounts of the sample without a score for this measure (no data, or no threshold range). */
    no_data: number;
  }[];
  backtest?: TBacktestResult;
};

/**
 * How the portfolio would score under a draft scorecard (issue 5), compared with the scores stored for the
 * day or with another scorecard's latest version, writing nothing. A workspace larger than `sampleSize`
 * is sampled: the accounts with the smallest md5 of their id, a sample that stays the same from one
 * keystroke to the next so that the preview's changes come from the draft, not from the sample.
 */
export async function previewScorecard({
  db,
  workspaceId,
  definition,
  appliesTo = null,
  scorecardId,
  withBacktest = false,
  sampleSize = PREVIEW_SAMPLE_SIZE,
}: {
  db: TDb;
  workspaceId: string;
  definition: TScorecardDefinition;
  appliesTo?: TAppliesTo | null;
  scorecardId?: string;
  withBacktest?: boolean;
  sampleSize?: number;
}): Promise<TScorecardPreview> {
  const { timezone } = await getWorkspace({ db, workspaceId });
  const today = todayIn(timezone);
  const compare = scorecardId ? await getScorecard({ db, workspaceId, id: scorecardId }) : null;
  const latest = compare
    ? null
    : await db
        .selectFrom('health_scores')
        .select(({ fn }) => fn.max('date').as('date'))
        .where('workspace_id', '=', workspaceId)
        .where('date', '<=', today)
        .executeTakeFirst();
  const date = latest?.date ?? today;

  const segment = appliesTo?.segment_id ?? null;
  const stage = appliesTo?.stage ?? null;
  const { rows: sample } = await sql<{ id: string; population: number }>`
    with ${measureScopeCtes({ workspaceId, at: date, timezone })}
    select s.id, count(*) over ()::int as population from scope s
    where (${segment}::text is null or exists (select 1 from segment_memberships m
        where m.workspace_id = ${workspaceId} and m.account_id = s.id and m.segment_id = ${segment}))
      and (${stage}::text is null or exists (select 1 from account_profiles p
        where p.workspace_id = ${workspaceId} and p.account_id = s.id and p.stage = ${stage}))
    order by md5(s.id), s.id
    limit ${sampleSize}`.execute(db);
  const ids = sample.map((s) => s.id);
  const population = sample[0]?.population ?? 0;

  const metrics = [...definition.measures, ...(compare?.definition.measures ?? [])].map((m) => m.metric);
  const values =
    ids.length > 0
      ? await findMeasureValues({ db, workspaceId, at: date, accountIds: ids, metrics })
      : new Map<string, Record<string, number | null>>();
  const current = new Map<string, TScored>();
  if (compare) {
    for (const [id, record] of values) {
      const scored = scoreAccount(compare.definition, record);
      if (scored) current.set(id, scored);
    }
  } else if (ids.length > 0) {
    const stored = await db
      .selectFrom('health_scores')
      .select(['account_id', 'score', 'band'])
      .where('workspace_id', '=', workspaceId)
      .where('date', '=', date)
      .where('account_id', 'in', ids)
      .execute();
    for (const s of stored) current.set(s.account_id, { score: Number(s.score), band: s.band });
  }
  const draft = new Map<string, TScored>();
  const effective = new Map<string, number>();
  const noData = new Map<string, number>(definition.measures.map((m) => [m.key, 0]));
  for (const id of ids) {
    const scored = scoreAccount(definition, values.get(id) ?? {});
    if (!scored) {
      for (const m of definition.measures) noData.set(m.key, noData.get(m.key)! + 1);
      continue;
    }
    draft.set(id, scored);
    for (const m of scored.measures) {
      effective.set(m.key, (effective.get(m.key) ?? 0) + m.effective_weight);
      if (m.score === null) noData.set(m.key, noData.get(m.key)! + 1);
    }
  }

  const matrix = emptyMatrix();
  const moves: Omit<TPreviewMover, 'name'>[] = [];
  for (const id of ids) {
    const before = current.get(id);
    const after = draft.get(id);
    matrix[before?.band ?? 'none'][after?.band ?? 'none']++;
    if (before && after && after.score !== before.score) {
      moves.push({
        account_id: id,
        current_score: before.score,
        current_band: before.band,
        draft_score: after.score,
        draft_band: after.band,
        change: round(after.score - before.score, 1),
      });
    }
  }
  const byId = (a: { account_id: string }, b: { account_id: string }) =>
    a.account_id.localeCompare(b.account_id);
  const up = moves.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byId(a, b));
  const down = moves.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byId(a, b));
  const shown = [...up.slice(0, TOP_MOVERS), ...down.slice(0, TOP_MOVERS)];
  const names = new Map(
    shown.length === 0
      ? []
      : (
          await db
            .selectFrom('accounts')
            .select(['id', 'name'])
            .where('workspace_id', '=', workspaceId)
            .where(
              'id',
              'in',
              shown.map((m) => m.account_id),
            )
            .execute()
        ).map((a) => [a.id, a.name]),
  );
  const named = (list: typeof moves) =>
    list.slice(0, TOP_MOVERS).map((m) => ({ ...m, name: names.get(m.account_id) ?? m.account_id }));

  const column = (scores: Map<string, TScored>, band: THealthBand): TColumn => {
    const count = [...scores.values()].filter((s) => s.band === band).length;
    return { count, share: scores.size > 0 ? round(count / scores.size, 4) : null };
  };
  const nominal = nominalShares(definition);
  return {
    date,
    population,
    sampled: population > ids.length,
    sample_size: ids.length,
    compared_with: compare
      ? { kind: 'scorecard', id: compare.id, version: compare.version, name: compare.name }
      : { kind: 'stored', date },
    bands: BANDS.map((band) => ({ band, current: column(current, band), draft: column(draft, band) })),
    unscored: { current: ids.length - current.size, draft: ids.length - draft.size },
    mean_score: { current: mean(current), draft: mean(draft) },
    band_changes: {
      total: ids.length - (['red', 'yellow', 'green', 'none'] as const).reduce((n, b) => n + matrix[b][b], 0),
      matrix,
    },
    movers: { up: named(up), down: named(down) },
    measures: definition.measures.map((m) => ({
      key: m.key,
      label: m.label,
      metric: m.metric,
      weight: m.weight,
      nominal_share: round(nominal.get(m.key)!, 4),
      effective_share: draft.size > 0 ? round((effective.get(m.key) ?? 0) / draft.size, 4) : null,
      no_data: noData.get(m.key)!,
    })),
    ...(withBacktest ? { backtest: await runBacktest({ db, workspaceId, definition }) } : {}),
  };
}

/** Each measure's share when all have data, as score-account.ts splits weights: by group, then within it. */
function nominalShares(definition: TScorecardDefinition): Map<string, number> {
  const groupWeight = new Map((definition.groups ?? []).map((g) => [g.key, g.weight]));
  const inGroup = new Map<string, number>();
  for (const m of definition.measures) {
    if (m.group !== undefined) inGroup.set(m.group, (inGroup.get(m.group) ?? 0) + m.weight);
  }
  let total = 0;
  for (const key of inGroup.keys()) total += groupWeight.get(key)!;
  for (const m of definition.measures) if (m.group === undefined) total += m.weight;
  return new Map(
    definition.measures.map((m) => [
      m.key,
      m.group === undefined
        ? m.weight / total
        : (groupWeight.get(m.group)! / total) * (m.weight / inGroup.get(m.group)!),
    ]),
  );
}

function emptyMatrix(): Record<TPreviewBand, Record<TPreviewBand, number>> {
  const row = () => ({ red: 0, yellow: 0, green: 0, none: 0 });
  return { red: row(), yellow: row(), green: row(), none: row() };
}

function mean(scores: Map<string, TScored>): number | null {
  if (scores.size === 0) return null;
  let sum = 0;
  for (const s of scores.values()) sum += s.score;
  return round(sum / scores.size, 1);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
