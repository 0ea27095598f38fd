import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBrowser, signIn, type TBrowser } from '../../../test/helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { insertAccounts } from '../../modules/segments/test-factories.ts';
import { insertUser, TEST_PASSWORD } from '../../modules/users/test-factories.ts';
import { createApp } from '../app.ts';

type TWho = 'viewer' | 'csm' | 'otherCsm' | 'manager' | 'adminB';

describe(`account notes API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  const browsers = {} as Record<TWho, TBrowser>;
  const emails = {} as Record<TWho, string>;
  let keyA: string;
  let keyB: string;

  const send = async (who: TWho, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, asBrowser(browsers[who], method, body));
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const withKey = async (key: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    store = await openTestStore();
    app = createApp({ store });
    for (const ws of ['notes-http-a', 'notes-http-b']) await createTestWorkspace(store, ws);
    await insertAccounts(store.db, 'notes-http-a', [{ id: 'acme', name: 'Acme' }, { id: 'quiet' }]);
    await insertAccounts(store.db, 'notes-http-b', [{ id: 'acme', name: 'B Acme' }]);
    const users: [TWho, string, 'viewer' | 'csm' | 'manager' | 'admin'][] = [
      ['viewer', 'notes-http-a', 'viewer'],
      ['csm', 'notes-http-a', 'csm'],
      ['otherCsm', 'notes-http-a', 'csm'],
      ['manager', 'notes-http-a', 'manager'],
      ['adminB', 'notes-http-b', 'admin'],
    ];
    for (const [who, workspace, role] of users) {
      const user = await insertUser(store.db, { workspaceId: workspace, role });
      emails[who] = user.email;
      browsers[who] = await signIn(app, { workspace, email: user.email, password: TEST_PASSWORD });
    }
    keyA = (await createApiKey({ db: store.db, workspaceId: 'notes-http-a', name: 'CRM sync' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'notes-http-b', name: 'b' })).key;
  });
  afterAll(() => store.close());

  it('lets a CSM write a note as its author and a viewer read it, pinned first, but not write one', async () => {
    const first = await send('csm', 'POST', '/v1/accounts/acme/notes', { body: 'Kick-off done' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      account_id: 'acme',
      body: 'Kick-off done',
      is_pinned: false,
      author: { type: 'user', email: emails.csm },
    });
    const second = await send('csm', 'POST', '/v1/accounts/acme/notes', {
      body: 'Risk: <b>budget</b>\nFollow up in May',
      is_pinned: true,
    });
    expect(second.json.body).toBe('Risk: <b>budget</b>\nFollow up in May');
    const third = await send('csm', 'POST', '/v1/accounts/acme/notes', { body: 'Sent the deck' });

    const read = await send('viewer', 'GET', '/v1/accounts/acme/notes');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ account_id: 'acme', total: 3, limit: 50, offset: 0 });
    expect(read.json.notes.map((n: { id: string }) => n.id)).toEqual([
      second.json.id,
      third.json.id,
      first.json.id,
    ]);
    const page = await send('viewer', 'GET', '/v1/accounts/acme/notes?limit=1&offset=2');
    expect(page.json.notes.map((n: { id: string }) => n.id)).toEqual([first.json.id]);

    const refused = await send('viewer', 'POST', '/v1/accounts/acme/notes', { body: 'nope' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain('needs the csm role');
    for (const method of ['PATCH', 'DELETE']) {
      const path = `/v1/accounts/acme/notes/${first.json.id}`;
      expect((await send('viewer', method, path, { is_pinned: true })).status).toBe(403);
    }
  });

  it('lets only the author, a manager or an admin reword or delete a note; any CSM may pin it', async () => {
    const note = (await send('csm', 'POST', '/v1/accounts/acme/notes', { body: 'Champion: Dana' })).json;
    const path = `/v1/accounts/acme/notes/${note.id}`;
    const other = await send('otherCsm', 'PATCH', path, { body: 'Champion: Dan' });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('forbidden');
    expect((await send('otherCsm', 'DELETE', path)).status).toBe(403);

    const pinned = await send('otherCsm', 'PATCH', path, { is_pinned: true });
    expect(pinned.status).toBe(200);
    expect(pinned.json).toMatchObject({ is_pinned: true, body: 'Champion: Dana', edited_at: null });

    const own = await send('csm', 'PATCH', path, { body: 'Champion: Dana Ruiz' });
    expect(own.json).toMatchObject({ body: 'Champion: Dana Ruiz', author: { email: emails.csm } });
    expect(own.json.edited_at).not.toBeNull();
    const managed = await send('manager', 'PATCH', path, { body: 'Champion: Dana Ruiz (VP)' });
    expect(managed.status).toBe(200);
    expect(managed.json.author.email).toBe(emails.csm);

    expect(await send('manager', 'DELETE', path)).toEqual({
      status: 200,
      json: { id: note.id, deleted: true },
    });
    expect((await send('manager', 'DELETE', path)).status).toBe(404);
    expect((await send('csm', 'PATCH', path, { is_pinned: false })).status).toBe(404);
  });

  it('answers 400 for an empty, over-long or malformed body, and 404 for an unknown account', async () => {
    for (const body of [
      { body: '' },
      { body: '  \n ' },
      { body: 'x'.repeat(10_001) },
      {},
      { body: 'x', color: 'red' },
    ]) {
      const answer = await send('csm', 'POST', '/v1/accounts/acme/notes', body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.json.error.code).toBe('invalid_input');
    }
    expect((await send('csm', 'POST', '/v1/accounts/acme/notes', { body: 'x'.repeat(10_000) })).status).toBe(
      201,
    );
    expect((await send('csm', 'POST', '/v1/accounts/nobody/notes', { body: 'hello' })).status).toBe(404);
    expect((await send('viewer', 'GET', '/v1/accounts/nobody/notes')).status).toBe(404);
    const note = (await send('csm', 'POST', '/v1/accounts/quiet/notes', { body: 'Quiet one' })).json;
    expect((await send('csm', 'PATCH', `/v1/accounts/quiet/notes/${note.id}`, {})).status).toBe(400);
  });

  it("keeps notes inside their workspace: another workspace's account or note is 404", async () => {
    const note = (await send('csm', 'POST', '/v1/accounts/quiet/notes', { body: 'Only for A' })).json;
    expect((await send('adminB', 'GET', '/v1/accounts/quiet/notes')).status).toBe(404);
    expect((await withKey(keyB, 'GET', '/v1/accounts/quiet/notes')).status).toBe(404);
    // B has an account with the same id as A's: it lists B's notes only, and A's note is not there.
    const sameId = await send('adminB', 'GET', '/v1/accounts/acme/notes');
    expect(sameId.json).toMatchObject({ total: 0, notes: [] });
    for (const account of ['acme', 'quiet']) {
      const path = `/v1/accounts/${account}/notes/${note.id}`;
      expect((await send('adminB', 'PATCH', path, { body: 'hijacked' })).status).toBe(404);
      expect((await withKey(keyB, 'DELETE', path)).status).toBe(404);
    }
    const list = await send('viewer', 'GET', '/v1/accounts/quiet/notes');
    expect(list.json.notes.find((n: { id: string }) => n.id === note.id)).toMatchObject({
      body: 'Only for A',
    });
  });

  it('names the API key that wrote a note, and shows notes in the timeline with their author', async () => {
    const written = await withKey(keyA, 'POST', '/v1/accounts/quiet/notes', {
      body: `From the CRM ${'z'.repeat(300)}`,
    });
    expect(written.status).toBe(201);
    expect(written.json.author).toMatchObject({ type: 'api_key', name: 'CRM sync' });
    const byCsm = (await send('csm', 'POST', '/v1/accounts/quiet/notes', { body: 'Line one\nline two' }))
      .json;

    const timeline = await send('viewer', 'GET', '/v1/accounts/quiet/timeline');
    const notes = timeline.json.items.filter((i: { kind: string }) => i.kind === 'note');
    const mine = notes.find((i: { id: string }) => i.id === byCsm.id);
    expect(mine).toMatchObject({
      title: emails.csm,
      text: 'Line one line two',
      from_value: 'user',
      status: null,
    });
    const fromKey = notes.find((i: { id: string }) => i.id === written.json.id);
    expect(fromKey).toMatchObject({ title: 'CRM sync', from_value: 'api_key' });
    expect([...fromKey.text]).toHaveLength(201);
    expect(fromKey.text.endsWith('z…')).toBe(true);
  });
});
