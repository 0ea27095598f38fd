import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TComputedHealthScore } from './compute-health-scores.ts';
import type { TAccountScore } from './score-account.ts';

/** The explanation stored with a score (the `measures` jsonb column): enough to answer "why" later. */
export type TStoredExplanation = Pick<TAccountScore, 'measures' | 'missing' | 'redistributed' | 'note'>;

/** Rows per statement: measures make a row ~2–3 kB of JSON, so this keeps each statement a few MB. */
const CHUNK = 2_000;

/**
 * Upserts the scores of one local day, one JSON parameter per chunk (one round trip per chunk on both
 * engines). With `writeEvents`, an account whose band differs from its previous stored score gets a
 * `health_band_changed` lifecycle event — only when this day is its newest score, so rescoring the past
 * never fires events. The CTEs all read the snapshot before the upsert, so "previous" is the old value.
 * Call inside a transaction when the chunks must land together.
 */
export async function storeHealthScores({
  db,
  workspaceId,
  date,
  scores,
  writeEvents,
}: {
  db: TDb;
  workspaceId: string;
  date: string;
  scores: readonly TComputedHealthScore[];
  writeEvents: boolean;
}): Promise<{ stored: number; band_changes: number }> {
  let stored = 0;
  let bandChanges = 0;
  for (let i = 0; i < scores.length; i += CHUNK) {
    const chunk = scores.slice(i, i + CHUNK);
    // One JSON document per chunk: PostgreSQL parses a 5 MB jsonb parameter about twice as fast as the
    // same data as a jsonb[] array literal (measured: 192 ms against 418 ms for 2,000 explanations).
    const input = JSON.stringify(
      chunk.map((s) => ({
        account_id: s.account_id,
        scorecard_id: s.scorecard_id,
        scorecard_version: s.scorecard_version,
        score: s.score,
        band: s.band,
        measures: {
          measures: s.measures,
          missing: s.missing,
          redistributed: s.redistributed,
          ...(s.note === undefined ? {} : { note: s.note }),
        } satisfies TStoredExplanation,
      })),
    );
    const { rows } = await sql<{ stored: number; band_changes: number }>`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb)
          as t(account_id text, scorecard_id text, scorecard_version int, score numeric, band text, measures jsonb)
      ),
      previous as (
        select i.account_id, i.band as new_band, (
          select s.band from health_scores s
          where s.workspace_id = ${workspaceId} and s.account_id = i.account_id and s.date <= ${date}::date
          order by s.date desc limit 1
        ) as old_band
        from input i
        where ${writeEvents}::boolean and not exists (
          select 1 from health_scores s
          where s.workspace_id = ${workspaceId} and s.account_id = i.account_id and s.date > ${date}::date)
      ),
      events as (
        insert into lifecycle_events (workspace_id, account_id, type, from_value, to_value)
        select ${workspaceId}, account_id, 'health_band_changed', old_band, new_band
        from previous where old_band is not null and old_band <> new_band
        returning 1
      ),
      upserted as (
        insert into health_scores
          (workspace_id, account_id, date, scorecard_id, scorecard_version, score, band, measures, computed_at)
        select ${workspaceId}, account_id, ${date}::date, scorecard_id, scorecard_version, score, band, measures, now()
        from input
        on conflict (workspace_id, account_id, date) do update set
          scorecard_id = excluded.scorecard_id, scorecard_version = excluded.scorecard_version,
          score = excluded.score, band = excluded.band, measures = excluded.measures,
          computed_at = excluded.computed_at
        returning 1
      )
      select (select count(*) from upserted)::int as stored, (select count(*) from events)::int as band_changes`.execute(
      db,
    );
    stored += rows[0]?.stored ?? 0;
    bandChanges += rows[0]?.band_changes ?? 0;
  }
  return { stored, band_changes: bandChanges };
}
