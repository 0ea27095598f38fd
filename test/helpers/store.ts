import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openStore, type TStore } from '../../src/db/connect.ts';
import { ensureWorkspace } from '../../src/modules/workspaces/ensure-workspace.ts';

/**
 * A fresh, migrated, empty store for one test file: an in-memory PGlite, or — when
 * TENURE_TEST_DATABASE_URL is set — a schema of its own on the PostgreSQL server, dropped on close.
 */
export async function openTestStore(): Promise<TStore> {
  const url = process.env.TENURE_TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const store = await openStore({ databaseUrl: url, schema });
    return {
      ...store,
      close: async () => {
        await sql.raw(`drop schema ${schema} cascade`).execute(store.db);
        await store.close();
      },
    };
  }
  const template = fs.readFileSync(inject('pgliteTemplate'));
  return openStore({ loadDataDir: new Blob([template]) });
}

/** The engine the suite runs on, for test names. */
export const engineName = process.env.TENURE_TEST_DATABASE_URL ? 'postgres' : 'pglite';

export async function createTestWorkspace(store: TStore, workspaceId = 'acme-co', reportingCurrency = 'USD') {
  return ensureWorkspace({ db: store.db, workspaceId, reportingCurrency });
}
