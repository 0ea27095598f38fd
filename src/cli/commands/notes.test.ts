import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineName } from '../../../test/helpers/store.ts';
import { openStore } from '../../db/connect.ts';
import { insertAccounts } from '../../modules/segments/test-factories.ts';
import { insertUser } from '../../modules/users/test-factories.ts';
import { main } from '../main.ts';

/**
 * `tenure notes` through the program's own `main()`, in this process, against a store of its own (a data
 * directory, or a database on the test server) that the command opens as a user's would.
 */
let storeArgs: string[];
let cleanup: () => Promise<void>;
let ownerEmail: string;

async function createStore(): Promise<{ args: string[]; url?: string; cleanup(): Promise<void> }> {
  const serverUrl = process.env.TENURE_TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-notes-'));
    return {
      args: ['--data-dir', dir],
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tenure_notes_${randomBytes(5).toString('hex')}`;
  const user = new URL(serverUrl).username || 'postgres';
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl, user });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.username = user;
  return {
    args: ['--database-url', url.toString()],
    url: url.toString(),
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const error = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main([...args, ...storeArgs, '--workspace', 'notes-cli']);
    return { code, stdout, stderr };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  const created = await createStore();
  storeArgs = created.args;
  cleanup = created.cleanup;
  const store = await openStore(created.url ? { databaseUrl: created.url } : { dataDir: created.args[1] });
  try {
    await insertUser(store.db, { workspaceId: 'notes-cli', role: 'csm', email: 'owner@example.com' });
    ownerEmail = 'owner@example.com';
    await insertAccounts(store.db, 'notes-cli', [{ id: 'acme' }]);
  } finally {
    await store.close();
  }
});
afterAll(() => cleanup());

describe(`tenure notes (${engineName})`, () => {
  it('adds notes and lists them as JSON, pinned first, with the author named by --author', async () => {
    const first = await run([
      'notes',
      'add',
      '--account',
      'acme',
      '--body',
      'Kick-off\nnext: training',
      '--format',
      'json',
    ]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      account_id: 'acme',
      body: 'Kick-off\nnext: training',
      is_pinned: false,
      author: null,
    });
    const pinned = await run([
      'notes',
      'add',
      '--account',
      'acme',
      '--body',
      'Renewal owner: CFO',
      '--pin',
      '--author',
      ownerEmail,
      '--format',
      'json',
    ]);
    expect(JSON.parse(pinned.stdout).author).toMatchObject({ type: 'user', email: ownerEmail });

    const list = await run(['notes', 'list', '--account', 'acme', '--format', 'json']);
    expect(list.code).toBe(0);
    const body = JSON.parse(list.stdout);
    expect(body).toMatchObject({ account_id: 'acme', total: 2, limit: 50, offset: 0 });
    expect(body.notes.map((n: { body: string }) => n.body)).toEqual([
      'Renewal owner: CFO',
      'Kick-off\nnext: training',
    ]);
    const table = await run(['notes', 'list', '--account', 'acme', '--format', 'table']);
    expect(table.stdout).toContain('Renewal owner: CFO');
  });

  it('fails with exit 1 and a message for an empty body or an unknown account', async () => {
    const empty = await run(['notes', 'add', '--account', 'acme', '--body', '  ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('body');
    const unknown = await run(['notes', 'list', '--account', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nobody');
  });
});
