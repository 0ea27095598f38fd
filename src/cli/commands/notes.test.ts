import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliStore, runMain } from '../../../test/helpers/cli.ts';
import { engineName } from '../../../test/helpers/store.ts';
import { openStore } from '../../db/connect.ts';
import { insertAccounts } from '../../modules/segments/test-factories.ts';
import { insertUser } from '../../modules/users/test-factories.ts';

/**
 * `tenure notes` through the program's own `main()`, in this process, against a store of its own (a data
 * directory, or a database on the test server) that the command opens as a user's would.
 */
let storeArgs: string[];
let cleanup: () => Promise<void>;
let ownerEmail: string;

const run = (args: string[]) => runMain([...args, ...storeArgs, '--workspace', 'notes-cli']);

beforeAll(async () => {
  const created = await createCliStore('tenure-notes');
  storeArgs = created.args;
  cleanup = created.cleanup;
  const store = await openStore(created.options);
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
