import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { migrateToLatest } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type TDb = Kysely<Database>;

export type TStore = {
  db: TDb;
  engine: 'pglite' | 'postgres';
  /** The embedded database, when `engine` is `pglite` (for dumps and raw COPY). */
  pglite?: PGlite;
  /** The connection pool, when `engine` is `postgres` (for COPY streams). */
  pool?: pg.Pool;
  close(): Promise<void>;
};

export type TOpenStoreOptions = {
  /** A PostgreSQL server; when absent the embedded store is used. */
  databaseUrl?: string;
  /** Directory of the embedded store; `undefined` with no databaseUrl means in memory. */
  dataDir?: string;
  /** A dump of a migrated embedded store to start from (tests use a migrated template). */
  loadDataDir?: Blob | File;
  /** PostgreSQL schema to use (tests isolate each file in its own schema); created when missing. */
  schema?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
};

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** int8 as a JS number when it fits (counts, sums of integers), else a decimal string: the same on both engines. */
function parseInt8(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

export async function openStore(options: TOpenStoreOptions = {}): Promise<TStore> {
  const store = options.databaseUrl
    ? await openServer(options.databaseUrl, options.schema)
    : await openEmbedded(options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

async function openServer(databaseUrl: string, schema?: string): Promise<TStore> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // USER is unset in some environments; pg would then connect as "undefined".
    user: new URL(databaseUrl).username || 'postgres',
    max: 10,
    options: schema ? `-c search_path=${schema}` : undefined,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8;
        if (oid === NUMERIC || oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new AppError('invalid_usage', `invalid schema name ${schema}`);
    const client = await pool.connect();
    try {
      // `create schema if not exists` is not safe against a concurrent create (PostgreSQL reports a
      // duplicate key in pg_namespace), so processes starting together take turns under a lock.
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`tenure.schema.${schema}`]);
      await client.query(`create schema if not exists ${schema}`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', pool, close: () => db.destroy() };
}

async function openEmbedded(options: TOpenStoreOptions): Promise<TStore> {
  let release = () => {};
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  try {
    const pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined,
      loadDataDir: options.loadDataDir,
      parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v, [DATE]: (v: string) => v },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite lets two processes open one data directory and silently corrupts it; so one process at a time
 * holds `tenure.pid` in it. A lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'tenure.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => fs.rmSync(lockPath, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'store_locked',
          `the embedded store in ${dataDir} is in use by process ${holder} (is \`tenure start\` running?). ` +
            'Stop it, use its HTTP API, or run Tenure on a PostgreSQL server with DATABASE_URL.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('store_locked', `could not lock the embedded store in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
