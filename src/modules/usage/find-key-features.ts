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
  // A loose index scan of usage_daily (workspace_id, name, day): one probe per distinct name, then one to
  // see whether that name occurs in the window. Workspaces have tens of event names and millions of rows.
  const { rows } = await sql<{ name: string }>`
    with recursive names (name) as (
      select min(name) from usage_daily where workspace_id = ${workspaceId}
      union all
      select (select min(u.name) from usage_daily u where u.workspace_id = ${workspaceId} and u.name > n.name)
      from names n where n.name is not null
    )
    select n.name from names n
    where n.name is not null and n.name <> all(${NON_FEATURE_EVENTS}::text[])
      and exists (
        select 1 from usage_daily u
        where u.workspace_id = ${workspaceId} and u.name = n.name
          and u.day > ${at}::date - ${DEFAULT_WINDOW_DAYS}::int and u.day <= ${at}::date)
    order by n.name`.execute(db);
  return rows.map((r) => r.name);
}
