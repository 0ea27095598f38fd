import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * Runs `fn` in a transaction (the caller's, when `db` is one) with settings for the large analytical
 * queries of this module, then restores them. Measured on PostgreSQL 15 (revenue over 420k lines): JIT
 * compilation alone cost 2–5 s per query, because row estimates of generate_series and CTEs are far off
 * and push plan costs over the JIT thresholds; and the default 4 MB work_mem sends every sort to disk.
 * PGlite accepts both settings (it has no JIT, so that one is moot there). Merge joins are off: with the
 * row estimates of generate_series the planner sorted 570k invoice lines to merge them with ~1,000 FX days
 * (0.4 s of a 3.3 s recompute at 20k accounts) where a hash join costs a few milliseconds.
 */
export async function withAnalyticsSettings<T>(db: TDb, fn: (db: TDb) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute((trx) => withAnalyticsSettings(trx, fn));
  const { rows } = await sql<{ jit: string; work_mem: string; mergejoin: string }>`
    select current_setting('jit') as jit, current_setting('work_mem') as work_mem,
      current_setting('enable_mergejoin') as mergejoin,
      set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('enable_mergejoin', 'off', true)`.execute(
    db,
  );
  const previous = rows[0]!;
  const result = await fn(db);
  await sql`select set_config('jit', ${previous.jit}, true), set_config('work_mem', ${previous.work_mem}, true),
    set_config('enable_mergejoin', ${previous.mergejoin}, true)`.execute(db);
  return result;
}
