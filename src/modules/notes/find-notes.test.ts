import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApiKey } from '../api-keys/create-api-key.ts';
import { insertAccounts } from '../segments/test-factories.ts';
import { insertUser } from '../users/test-factories.ts';
import { createNote } from './create-note.ts';
import { findNotes } from './find-notes.ts';
import { NOTE_MAX_CHARS } from './note-shape.ts';
import { updateNote } from './update-note.ts';

describe(`createNote and findNotes (${engineName})`, () => {
  let store: TStore;
  let csmId: string;
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

  beforeAll(async () => {
    store = await openTestStore();
    for (const ws of ['notes-a', 'notes-b']) await createTestWorkspace(store, ws);
    await insertAccounts(store.db, 'notes-a', [{ id: 'acme' }, { id: 'quiet' }]);
    await insertAccounts(store.db, 'notes-b', [{ id: 'acme' }]);
    csmId = (await insertUser(store.db, { workspaceId: 'notes-a', role: 'csm', email: 'ana@example.com' }))
      .id;
    await store.db
      .updateTable('users')
      .set({ name: 'Ana Mora' })
      .where('workspace_id', '=', 'notes-a')
      .where('id', '=', csmId)
      .execute();
  });
  afterAll(() => store.close());

  const base = () => ({ db: store.db, workspaceId: 'notes-a', accountId: 'acme' });

  it('keeps line breaks and markup as plain text, names the author and lists pinned first, then newest', async () => {
    const first = await createNote({ ...base(), body: 'Kick-off call', authorUserId: csmId, now: at(1) });
    const second = await createNote({
      ...base(),
      body: '\r\n  Renewal risk:\r\n- budget cut\n- <b>champion left</b>  \n\n',
      authorUserId: csmId,
      now: at(2),
    });
    const third = await createNote({ ...base(), body: 'QBR booked', authorUserId: csmId, now: at(3) });
    expect(second.body).toBe('Renewal risk:\n- budget cut\n- <b>champion left</b>');
    expect(second.author).toEqual({ type: 'user', id: csmId, name: 'Ana Mora', email: 'ana@example.com' });
    expect(second).toMatchObject({ is_pinned: false, edited_at: null, created_at: at(2).toISOString() });

    const ids = async () => (await findNotes(base())).notes.map((n) => n.id);
    expect(await ids()).toEqual([third.id, second.id, first.id]);
    await updateNote({ ...base(), noteId: first.id, isPinned: true, actor: { role: 'csm', userId: csmId } });
    expect(await ids()).toEqual([first.id, third.id, second.id]);

    const page = await findNotes({ ...base(), limit: 2, offset: 1 });
    expect(page).toMatchObject({ account_id: 'acme', total: 3, limit: 2, offset: 1 });
    expect(page.notes.map((n) => n.id)).toEqual([third.id, second.id]);
    expect((await findNotes({ ...base(), accountId: 'quiet' })).notes).toEqual([]);
  });

  it('names an API key as the author of what an integration wrote', async () => {
    const key = await createApiKey({ db: store.db, workspaceId: 'notes-a', name: 'CRM sync' });
    const note = await createNote({
      ...base(),
      accountId: 'quiet',
      body: 'From the CRM',
      authorApiKeyId: key.id,
    });
    expect(note.author).toEqual({ type: 'api_key', id: key.id, name: 'CRM sync' });
  });

  it('refuses an empty or over-long body and an unknown account, writing nothing', async () => {
    await expect(createNote({ ...base(), accountId: 'quiet', body: ' \n\t ' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('body'),
    });
    // Characters, not UTF-16 units: 10,000 emoji fit; one more does not.
    const longest = '🙂'.repeat(NOTE_MAX_CHARS);
    expect((await createNote({ ...base(), accountId: 'quiet', body: longest })).body).toBe(longest);
    await expect(createNote({ ...base(), accountId: 'quiet', body: `${longest}!` })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at most 10,000'),
    });
    await expect(createNote({ ...base(), accountId: 'nobody', body: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await findNotes({ ...base(), accountId: 'quiet' })).total).toBe(2);
  });

  it("keeps each workspace's notes apart: the same account id elsewhere has none", async () => {
    expect((await findNotes({ ...base(), workspaceId: 'notes-b' })).notes).toEqual([]);
    await expect(findNotes({ ...base(), workspaceId: 'notes-b', accountId: 'quiet' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(findNotes({ ...base(), limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
