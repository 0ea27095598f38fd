import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type TOpenStoreOptions } from '../src/db/connect.ts';
import { engineName } from './helpers/store.ts';

const ROWS = 200_000;
const ACCOUNTS = 1_000;

/** A large invoices file written in chunks, so the import is surely still running when it is killed. */
function writeLargeImport(dir: string): void {
  const accounts = ['id,name'];
  for (let i = 0; i < ACCOUNTS; i++) accounts.push(`a${i},Account ${i}`);
  fs.writeFileSync(path.join(dir, 'accounts.csv'), `${accounts.join('\n')}\n`);
  const fd = fs.openSync(path.join(dir, 'invoices.csv'), 'w');
  fs.writeSync(fd, 'id,account_id,issued_at,currency,status\n');
  for (let start = 0; start < ROWS; start += 10_000) {
    let chunk = '';
    for (let i = start; i < start + 10_000; i++) {
      chunk += `inv${i},a${i % ACCOUNTS},2024-${String((i % 12) + 1).padStart(2, '0')}-01,USD,paid\n`;
    }
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

async function countTables(options: TOpenStoreOptions) {
  const store = await openStore(options);
  try {
    const { rows } = await sql<{ accounts: number; invoices: number; runs: number }>`
      select (select count(*) from accounts) as accounts, (select count(*) from invoices) as invoices,
        (select count(*) from import_runs) as runs`.execute(store.db);
    return rows[0]!;
  } finally {
    await store.close();
  }
}

describe(`import killed mid-file (${engineName})`, () => {
  const url = process.env.TENURE_TEST_DATABASE_URL;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-import-kill-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const options: TOpenStoreOptions = url
    ? { databaseUrl: url, schema }
    : { dataDir: path.join(tmp, 'store') };
  const args = url ? ['--database-url', url, '--schema', schema] : ['--data-dir', path.join(tmp, 'store')];
  const data = path.join(tmp, 'data');

  beforeAll(async () => {
    fs.mkdirSync(data);
    writeLargeImport(data);
    await (await openStore(options)).close();
  });
  afterAll(async () => {
    if (url) {
      const store = await openStore({ ...options, migrate: false });
      await sql.raw(`drop schema ${schema} cascade`).execute(store.db);
      await store.close();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the store as it was before the file being imported', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/run-import.ts', ...args, data], {
      cwd: path.join(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        seen.push(...lines);
        // Kill once the invoices file is being staged: its rows are in the open transaction only.
        if (lines.some((l) => /^progress invoices [1-9]/.test(l))) resolve();
        if (lines.includes('done')) reject(new Error('the import finished before it could be killed'));
      });
      child.on('exit', () => reject(new Error(`the import exited early: ${seen.join(' | ')}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen).toContain(`file accounts ${ACCOUNTS} 0`);
    expect(await countTables(options)).toEqual({ accounts: ACCOUNTS, invoices: 0, runs: 1 });
  });
});
