import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * A Kysely dialect for PGlite whose transactions run inside `pglite.transaction()`.
 *
 * Why our own: PGlite is a single session. Published adapters send BEGIN/COMMIT as ordinary queries, so a
 * query issued elsewhere while a Kysely transaction is open lands inside it and is rolled back with it
 * (see shared/notes/stack.md). `pglite.transaction()` holds PGlite's transaction mutex, so every query
 * outside the transaction waits for it to end instead.
 *
 * Consequence for callers: inside `db.transaction().execute(trx => …)` use `trx` only; a query on `db`
 * there waits for the transaction and deadlocks.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class RollbackSignal extends Error {}

class PGliteConnection implements DatabaseConnection {
  tx: Transaction | null = null;
  private finish: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  private done: Promise<unknown> | null = null;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.tx ?? this.pglite;
    const result = await target.query<R>(compiled.sql, compiled.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries; page through results instead');
  }

  begin(): Promise<void> {
    return new Promise<void>((started, failed) => {
      this.done = this.pglite
        .transaction(
          (tx) =>
            new Promise<void>((resolve, reject) => {
              this.tx = tx;
              this.finish = { resolve, reject };
              started();
            }),
        )
        .catch((error) => {
          if (error instanceof RollbackSignal) return;
          failed(error);
          throw error;
        })
        .finally(() => {
          this.tx = null;
          this.finish = null;
        });
    });
  }

  async commit(): Promise<void> {
    this.finish?.resolve();
    await this.done;
  }

  async rollback(): Promise<void> {
    this.finish?.reject(new RollbackSignal());
    await this.done;
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pglite: PGlite) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pglite);
  }
  async beginTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).commit();
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as PGliteConnection).rollback();
  }
  async releaseConnection() {}
  async destroy() {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
