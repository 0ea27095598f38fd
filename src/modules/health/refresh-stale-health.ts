import { sql } from 'kysely';
import type { TStore } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { refreshClassifications } from '../lifecycle/refresh-classifications.ts';
import { recomputeHealth } from './recompute-health.ts';

export type TRefreshResult = {
  workspace_id: string;
  date: string;
  /** `daily`: the workspace had no scores for today, so every account was scored. */
  mode: 'daily' | 'stale' | 'idle';
  scored: number;
  /** Stale marks cleared (those re-marked while scoring stay queued for the next run). */
  drained: number;
  band_changes: number;
};

/**
 * One pass of the health refresher (issue 3 item 5: "recomputed within a minute of relevant new data"):
 * for each workspace (or the one given), scores the accounts queued in `health_stale` for today, then
 * refreshes their tiers, stages and segment memberships. When the
 * workspace has no score for today yet, it scores every account instead: that is the stored daily score.
 *
 * Race-safe: a mark is cleared only if its `marked_at` is still the one read before scoring. An import that
 * marks the account again meanwhile (its data may not have been seen by this pass) keeps it queued.
 * `dailyDone` remembers workspaces already fully scored today that have nothing to score, so a workspace
 * without any data is not rescored on every pass.
 */
export async function refreshStaleHealth({
  store,
  workspaceId,
  dailyDone,
}: {
  store: TStore;
  workspaceId?: string;
  dailyDone?: Map<string, string>;
}): Promise<TRefreshResult[]> {
  const db = store.db;
  const workspaces = await db
    .selectFrom('workspaces')
    .select(['workspace_id', 'timezone'])
    .$if(workspaceId !== undefined, (q) => q.where('workspace_id', '=', workspaceId!))
    .orderBy('workspace_id')
    .execute();
  const results: TRefreshResult[] = [];
  for (const { workspace_id, timezone } of workspaces) {
    const date = todayIn(timezone);
    // Microseconds since the epoch: a JS Date would drop the microseconds of `marked_at`, and the
    // compare-and-delete below must match the exact value read.
    const { rows: stale } = await sql<{ account_id: string; marked_us: number }>`
      select account_id, (extract(epoch from marked_at) * 1000000)::int8 as marked_us
      from health_stale where workspace_id = ${workspace_id}`.execute(db);
    const hasToday = await db
      .selectFrom('health_scores')
      .select('account_id')
      .where('workspace_id', '=', workspace_id)
      .where('date', '=', date)
      .limit(1)
      .executeTakeFirst();
    const isDaily = !hasToday && dailyDone?.get(workspace_id) !== date;
    if (!isDaily && stale.length === 0) {
      results.push({ workspace_id, date, mode: 'idle', scored: 0, drained: 0, band_changes: 0 });
      continue;
    }
    const recomputed = await recomputeHealth({
      db,
      workspaceId: workspace_id,
      at: date,
      accountIds: isDaily ? undefined : stale.map((s) => s.account_id),
    });
    // Tiers, stages and segments read the health band: refresh them for the accounts just rescored, so
    // segment and stage changes reach automation in the same pass.
    await refreshClassifications({
      db,
      workspaceId: workspace_id,
      accountIds: isDaily ? undefined : stale.map((s) => s.account_id),
    });
    if (isDaily) dailyDone?.set(workspace_id, date);
    const { rows: drained } = await sql<{ account_id: string }>`
      delete from health_stale h
      using unnest(${stale.map((s) => s.account_id)}::text[], ${stale.map((s) => s.marked_us)}::int8[])
        as d(account_id, marked_us)
      where h.workspace_id = ${workspace_id} and h.account_id = d.account_id
        and (extract(epoch from h.marked_at) * 1000000)::int8 = d.marked_us
      returning h.account_id`.execute(db);
    results.push({
      workspace_id,
      date,
      mode: isDaily ? 'daily' : 'stale',
      scored: recomputed.scored,
      drained: drained.length,
      band_changes: recomputed.band_changes,
    });
  }
  return results;
}
