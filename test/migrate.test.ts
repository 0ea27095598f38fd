import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connect.ts';
import { migrations } from '../src/db/migrations/index.ts';

const url = process.env.TENURE_TEST_DATABASE_URL;

function openInChild(schema: string): Promise<number> {
  const code = `import { openStore } from './src/db/connect.ts';
    const s = await openStore({ databaseUrl: ${JSON.stringify(url)}, schema: ${JSON.stringify(schema)} });
    await s.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: 'inherit',
    });
    child.on('exit', (status) => resolve(status ?? 1));
  });
}

describe.skipIf(!url)('migrations on a PostgreSQL server', () => {
  it('two processes starting at once on an empty database both succeed and apply each migration once', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const codes = await Promise.all([openInChild(schema), openInChild(schema), openInChild(schema)]);
    expect(codes).toEqual([0, 0, 0]);
    const store = await openStore({ databaseUrl: url, schema, migrate: false });
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        store.db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    } finally {
      await sql.raw(`drop schema ${schema} cascade`).execute(store.db);
      await store.close();
    }
  });
});
