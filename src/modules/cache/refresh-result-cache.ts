import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { cachedEndpoints, domainsOf, type TCachedEndpointName } from './cached-endpoints.ts';
import { getCachedResult } from './get-cached-result.ts';
import { readDataVersion, type TDataDomain } from './read-data-version.ts';

export type TCacheRefreshResult = {
  /** Stored answers computed again because their data changed. */
  refreshed: number;
  /** Answers nobody asked for in `keepDays` days, removed. */
  removed: number;
  /** Answers that could not be computed (a deleted segment, …): removed, the error reported. */
  failed: { key: string; error: string }[];
};

/**
 * How many reports the background refresh computes at once on a store: PGlite has one connection, where
 * reports computed at once would only queue; a server gives each its own pooled connection.
 */
export function refreshLanes(engine: TStore['engine']): number {
  return engine === 'postgres' ? 3 : 1;
}

/** Past this many rows for one workspace and domain, they are folded into one. */
const COMPACT_AFTER = 50;

/**
 * One pass of the background refresh: recomputes every stored answer asked for in the last `refreshHours`
 * whose data changed since, most recently used first, so the next visit to its page reads it instead of
 * waiting for it; removes answers nobody asked for in `keepDays` days; folds each workspace's change rows,
 * keeping their count.
 */
export async function refreshResultCache({
  db,
  refreshHours = 24,
  keepDays = 7,
  concurrency = 1,
  isStopping = () => false,
}: {
  db: TDb;
  refreshHours?: number;
  keepDays?: number;
  /** Reports computed at once (on a PostgreSQL server, each on its own pooled connection). */
  concurrency?: number;
  isStopping?: () => boolean;
}): Promise<TCacheRefreshResult> {
  const removed = await db
    .deleteFrom('result_cache')
    .where('used_at', '<', sql<Date>`now() - make_interval(days => ${keepDays})`)
    .executeTakeFirst();
  const entries = await db
    .selectFrom('result_cache')
    .select(['workspace_id', 'key', 'endpoint', 'params', 'version'])
    .where('used_at', '>=', sql<Date>`now() - make_interval(hours => ${refreshHours})`)
    .orderBy('used_at', 'desc')
    .execute();
  const result: TCacheRefreshResult = { refreshed: 0, removed: Number(removed.numDeletedRows), failed: [] };
  const versions = new Map<string, Promise<string>>();
  const versionOf = (workspaceId: string, domains: readonly TDataDomain[]) => {
    const versionKey = `${workspaceId}\n${domains.join(',')}`;
    let version = versions.get(versionKey);
    if (version === undefined) {
      version = readDataVersion(db, workspaceId, domains);
      versions.set(versionKey, version);
    }
    return version;
  };
  const refreshOne = async (entry: (typeof entries)[number]) => {
    const endpoint = entry.endpoint as TCachedEndpointName;
    if (!cachedEndpoints[endpoint]) return;
    const params: unknown = JSON.parse(entry.params);
    if ((await versionOf(entry.workspace_id, domainsOf(endpoint, params))) === entry.version) return;
    try {
      await getCachedResult({
        db,
        workspaceId: entry.workspace_id,
        endpoint,
        params: params as never,
        isForced: true,
      });
      result.refreshed++;
    } catch (error) {
      result.failed.push({ key: entry.key, error: error instanceof Error ? error.message : String(error) });
      await db
        .deleteFrom('result_cache')
        .where('workspace_id', '=', entry.workspace_id)
        .where('key', '=', entry.key)
        .execute();
    }
  };
  // Most recently used first; `concurrency` lanes take the next entry as each finishes.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < entries.length && !isStopping()) await refreshOne(entries[next++]!);
    }),
  );
  await compactDataChanges(db);
  return result;
}

/** Folds the change rows of each workspace and domain that has many into one row carrying their weight. */
async function compactDataChanges(db: TDb): Promise<void> {
  const crowded = await db
    .selectFrom('data_changes')
    .select(['workspace_id', 'domain'])
    .groupBy(['workspace_id', 'domain'])
    .having((eb) => eb.fn.countAll(), '>', COMPACT_AFTER)
    .execute();
  for (const { workspace_id, domain } of crowded) {
    // Deletes only the rows this statement sees (committed ones) and adds their weight back as one row of
    // this transaction: the sum, which is the version, does not move.
    await sql`
      with gone as (
        delete from data_changes where workspace_id = ${workspace_id} and domain = ${domain}
        returning weight
      )
      insert into data_changes (workspace_id, domain, txid, weight)
      select ${workspace_id}, ${domain}, txid_current(), sum(weight) from gone
      having count(*) > 0`.execute(db);
  }
}
