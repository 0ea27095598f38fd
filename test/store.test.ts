import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type TStore } from '../src/db/connect.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

describe(`store (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store);
  });
  afterAll(() => store.close());

  it('returns numeric as exact strings, int8 as numbers and dates as YYYY-MM-DD on every engine', async () => {
    const { rows } = await sql<{ n: string; c: number; d: string }>`
      select 0.1::numeric + 0.2::numeric as n, count(*) as c, date '2024-02-29' as d`.execute(store.db);
    expect(rows[0]).toEqual({ n: '0.3', c: 1, d: '2024-02-29' });
  });

  it('rolls back everything written in a failed transaction, and only that', async () => {
    const attempt = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('accounts').values({ workspace_id: 'acme-co', id: 'a1', name: 'A' }).execute();
      throw new Error('boom');
    });
    const outside = store.db
      .insertInto('accounts')
      .values({ workspace_id: 'acme-co', id: 'a2', name: 'B' })
      .execute();
    await expect(attempt).rejects.toThrow('boom');
    await outside;
    const ids = await store.db.selectFrom('accounts').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['a2']);
  });

  it('commits a transaction and keeps concurrent transactions apart', async () => {
    await Promise.all(
      ['t1', 't2', 't3'].map((id) =>
        store.db.transaction().execute(async (trx) => {
          await trx.insertInto('accounts').values({ workspace_id: 'acme-co', id, name: id }).execute();
        }),
      ),
    );
    const count = await store.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'like', 't%')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
  });
});

describe.skipIf(engineName !== 'pglite')('embedded store lock', () => {
  it('refuses a second process on the same data directory, and frees it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-lock-'));
    const first = await openStore({ dataDir: dir });
    const code = `import { openStore } from './src/db/connect.ts';
      try { await openStore({ dataDir: ${JSON.stringify(dir)} }); console.log('opened'); }
      catch (e) { console.log(e.code); }`;
    const second = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
    });
    expect(second.stdout.trim()).toBe('store_locked');
    await first.close();
    const again = await openStore({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
