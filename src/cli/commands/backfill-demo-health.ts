import { sql } from 'kysely';
import type { TStore } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { backfillHealth } from '../../modules/health/backfill-health.ts';
import { clearHealthStale } from '../../modules/health/clear-health-stale.ts';
import { refreshClassifications } from '../../modules/lifecycle/refresh-classifications.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { createProgress } from '../output/create-progress.ts';

/** Days of health history the demo gets, so trends and "what changed since 30 days" show at once. */
const DEMO_HEALTH_DAYS = 35;

/**
 * Where the demo's history stops: today (UTC), not the generator's default first day of the month, so the
 * demo's health "today" reflects recent usage instead of weeks of silence that never happened.
 */
export function demoEndDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Scores the demo workspace for each of the last 35 days (a progress bar on a terminal, one bar step per
 * day); returns the one line to tell the user.
 */
export async function backfillDemoHealth(
  store: TStore,
  { workspaceId, isTty }: { workspaceId: string; isTty: boolean },
): Promise<string> {
  const { timezone } = await getWorkspace({ db: store.db, workspaceId });
  const to = todayIn(timezone);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (DEMO_HEALTH_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // The import marked every account stale; the backfill below scores today from all of it.
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(store.db);
  const progress = createProgress({ isTty });
  const result = await backfillHealth({
    db: store.db,
    workspaceId,
    from,
    to,
    onDay: (_date, index, total) =>
      progress.update({ file: 'health scores (days)', rows: index, bytes: index, totalBytes: total }),
  }).finally(progress.stop);
  await refreshClassifications({ db: store.db, workspaceId });
  await clearHealthStale({ db: store.db, workspaceId, markedUpTo: rows[0]!.now });
  const today = await store.db
    .selectFrom('health_scores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('date', '=', to)
    .executeTakeFirstOrThrow();
  return `Health scores ready: ${Number(today.n).toLocaleString('en-US')} accounts scored, with ${result.days} days of history.`;
}
