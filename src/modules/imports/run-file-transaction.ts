import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { TDb, TStore } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Runs `fn` in one transaction. On the PostgreSQL server the transaction is pinned to one pooled client,
 * handed to `fn` too, so that COPY streams (which Kysely cannot send) land in the same transaction as the
 * queries: a Kysely instance whose "pool" always lends that client (shared/spec/data.md: atomic per file).
 */
export async function runFileTransaction<T>(
  store: TStore,
  fn: (trx: TDb, client?: pg.PoolClient) => Promise<T>,
): Promise<T> {
  if (!store.pool) return store.db.transaction().execute((trx) => fn(trx));
  const client = await store.pool.connect();
  const lent = { query: client.query.bind(client), release() {} };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {} } as never }),
  });
  let failure: Error | undefined;
  try {
    return await db.transaction().execute((trx) => fn(trx, client));
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    await db.destroy();
    // After a failure the connection may be broken (or mid-COPY): do not lend it again, reconnecting is cheap.
    client.release(failure);
  }
}
