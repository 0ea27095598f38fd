import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import {
  cachedEndpoints,
  domainsOf,
  type TCachedAnswer,
  type TCachedEndpoint,
  type TCachedEndpointName,
  type TCachedParams,
} from './cached-endpoints.ts';
import { readDataVersion } from './read-data-version.ts';

/** hit: the stored answer; miss: computed now (and stored when no change committed meanwhile). */
export type TCacheOutcome = 'hit' | 'miss';

/** Computations in progress, per store and answer (workspace, key, data version). */
const inFlight = new WeakMap<TDb, Map<string, Promise<string>>>();

/** Answers larger than this are computed every time rather than stored. */
const MAX_STORED_CHARS = 4_000_000;

/**
 * The answer of a cached report (src/modules/cache/cached-endpoints.ts) for these parameters: the stored one
 * when it was computed from the workspace's current data, else computed now and stored. Nothing is ever
 * served from older data: the data version is read before and after computing, and the answer is stored
 * only if both agree, that is if no change to the report's tables committed while it ran.
 */
export async function getCachedResult<N extends TCachedEndpointName>({
  db,
  workspaceId,
  endpoint,
  params,
  isForced = false,
}: {
  db: TDb;
  workspaceId: string;
  endpoint: N;
  params: TCachedParams<N>;
  /** Compute and store even when the stored answer is current (the background refresh does not use it). */
  isForced?: boolean;
}): Promise<{ result: TCachedAnswer<N>; cache: TCacheOutcome }> {
  const definition = cachedEndpoints[endpoint] as TCachedEndpoint<unknown, unknown>;
  if (definition.isStored?.(params) === false) {
    return { result: (await definition.compute(db, workspaceId, params)) as TCachedAnswer<N>, cache: 'miss' };
  }
  const paramsJson = canonicalJson(params);
  const key = `${endpoint}?${paramsJson}`;
  const domains = domainsOf(endpoint, params);
  const version = await readDataVersion(db, workspaceId, domains);
  if (!isForced) {
    const stored = await db
      .selectFrom('result_cache')
      .select(['result', 'used_at'])
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', key)
      .where('version', '=', version)
      .executeTakeFirst();
    if (stored) {
      // Keeps the answer in the background refresh; at most one write an hour for a page read many times.
      if (Date.now() - new Date(stored.used_at).getTime() > 3_600_000) {
        await db
          .updateTable('result_cache')
          .set({ used_at: sql`now()` })
          .where('workspace_id', '=', workspaceId)
          .where('key', '=', key)
          .execute();
      }
      return { result: JSON.parse(stored.result) as TCachedAnswer<N>, cache: 'hit' };
    }
  }
  const computeAndStore = async (): Promise<string> => {
    const result = await definition.compute(db, workspaceId, params);
    const text = JSON.stringify(result);
    if (text.length <= MAX_STORED_CHARS && (await readDataVersion(db, workspaceId, domains)) === version) {
      await db
        .insertInto('result_cache')
        .values({ workspace_id: workspaceId, key, endpoint, params: paramsJson, version, result: text })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'key']).doUpdateSet({
            version,
            result: text,
            computed_at: sql`now()`,
            used_at: isForced ? sql`result_cache.used_at` : sql`now()`,
          }),
        )
        .execute();
    }
    return text;
  };
  // A request arriving while the same answer is being computed in this process (by the background refresh
  // or another request) waits for that computation instead of starting a second one.
  let flights = inFlight.get(db);
  if (!flights) {
    flights = new Map();
    inFlight.set(db, flights);
  }
  const flightKey = `${workspaceId}\n${key}\n${version}`;
  let flight = flights.get(flightKey);
  if (!flight) {
    const running = flights;
    flight = computeAndStore().finally(() => running.delete(flightKey));
    flights.set(flightKey, flight);
  }
  const text = await flight;
  return { result: JSON.parse(text) as TCachedAnswer<N>, cache: 'miss' };
}

/** JSON with sorted keys and without undefined members: one key per set of parameters, however given. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
