import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * Takes the workspace's derived-rows lock until the end of the transaction. `exclusive`: for writers that
 * delete and re-insert derived rows (usage rollups, the stale queue, MRR movements) from the source
 * tables — two of them doing that for the same account at once collide on keys or deadlock. `shared`: for
 * writers that only upsert rollups incrementally with row locks (new usage events), which may run side by
 * side but never beside a rewrite that would miss or double their rows.
 */
export async function lockDerivedRows(
  trx: TDb,
  workspaceId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = `tenure.derived:${workspaceId}`;
  if (mode === 'shared') {
    await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
  } else {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  }
}
