import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.ts';

/** An arbitrary constant: the advisory lock that serialises Tenure migrations across processes. */
const MIGRATION_LOCK = 7_361_203_001;

/**
 * Applies pending migrations. On a server, two processes can start at once: Kysely's own lock is taken only
 * after it creates its bookkeeping tables with `create table if not exists`, which races on PostgreSQL
 * (duplicate pg_type). So we hold a session advisory lock on one connection for the whole run and migrate
 * through that connection. The embedded store is guarded by its pid lock instead (connect.ts).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  await db.connection().execute(async (conn) => {
    // Kysely looks for its bookkeeping tables in every schema unless told which: name the current one, so
    // stores in different schemas of one database (tests, benchmarks) never see each other's.
    const schema =
      (await sql<{ s: string }>`select current_schema() as s`.execute(conn)).rows[0]?.s ?? 'public';
    const isServer =
      (await sql<{ v: string }>`select version() as v`.execute(conn)).rows[0]?.v.includes('PGlite') === false;
    if (isServer) await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        migrationTableSchema: schema,
        provider: { getMigrations: async () => migrations },
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error');
        throw new Error(
          `migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`,
        );
      }
    } finally {
      if (isServer) await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
