import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { NON_FEATURE_EVENTS } from './usage-events.ts';

/** How far back the default key features look for event names. */
const DEFAULT_WINDOW_DAYS = 90;

/**
 * The workspace's key features as of local day `at`, sorted: the setting `usage.key_features` when set,
 * else every event name of the workspace's last 90 days except logins and relationship signals — what a
 * feature is in a product that never said, using only what was known at `at` (so backtests stay honest).
 */
export async function findKeyFeatures({
  db,
  workspaceId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
}): Promise<string[]> {
  const { settings } = await getWorkspace({ db, workspaceId });
  const configured = settings['usage.key_features'];
  if (configured) return [...new Set(configured)].sort();
  // One index range scan of usage_daily (workspace_id, day) over the window.
  const { rows } = await sql<{ name: string }>`
    select distinct name from usage_daily
    where workspace_id = ${workspaceId} and day > ${at}::date - ${DEFAULT_WINDOW_DAYS}::int
      and day <= ${at}::date and name <> all(${NON_FEATURE_EVENTS}::text[])
    order by name`.execute(db);
  return rows.map((r) => r.name);
}
