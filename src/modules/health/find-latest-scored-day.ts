import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * The latest day on or before `onOrBefore` with any stored score in the workspace (null without one), and
 * whether any score is older than that day. Every account's latest score on or before `onOrBefore` is then
 * its row of `day` when it has one; only an account without one needs looking up further back, and only
 * when `hasEarlier`. Lets a portfolio-wide query join one day's rows (a range of health_scores_day) instead
 * of probing the history of every account.
 */
export async function findLatestScoredDay({
  db,
  workspaceId,
  onOrBefore,
}: {
  db: TDb;
  workspaceId: string;
  /** `YYYY-MM-DD`. */
  onOrBefore: string;
}): Promise<{ day: string | null; hasEarlier: boolean }> {
  const { rows } = await sql<{ day: string | null }>`
    select max(date)::text as day from health_scores
    where workspace_id = ${workspaceId} and date <= ${onOrBefore}::date`.execute(db);
  const day = rows[0]?.day ?? null;
  if (day === null) return { day, hasEarlier: false };
  const earlier = await sql<{ one: number }>`
    select 1 as one from health_scores where workspace_id = ${workspaceId} and date < ${day}::date limit 1`.execute(
    db,
  );
  return { day, hasEarlier: earlier.rows.length > 0 };
}
