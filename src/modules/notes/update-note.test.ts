import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { insertAccounts } from '../segments/test-factories.ts';
import { deleteUser } from '../users/delete-user.ts';
import { insertUser } from '../users/test-factories.ts';
import { createNote } from './create-note.ts';
import { deleteNote } from './delete-note.ts';
import { findNotes } from './find-notes.ts';
import { getNote } from './get-note.ts';
import type { TNoteActor } from './note-shape.ts';
import { updateNote } from './update-note.ts';

describe(`updateNote and deleteNote (${engineName})`, () => {
  let store: TStore;
  const actors = {} as Record<'author' | 'otherCsm' | 'manager' | 'admin' | 'viewer', TNoteActor>;
  const base = () => ({ db: store.db, workspaceId: 'notes-u', accountId: 'acme' });
  const write = (body: string) =>
    createNote({
      ...base(),
      body,
      authorUserId: actors.author.userId,
      now: new Date('2026-03-01T09:00:00Z'),
    });

  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, 'notes-u');
    await insertAccounts(store.db, 'notes-u', [{ id: 'acme' }, { id: 'other' }]);
    for (const [who, role] of [
      ['author', 'csm'],
      ['otherCsm', 'csm'],
      ['manager', 'manager'],
      ['admin', 'admin'],
      ['viewer', 'viewer'],
    ] as const) {
      actors[who] = { role, userId: (await insertUser(store.db, { workspaceId: 'notes-u', role })).id };
    }
  });
  afterAll(() => store.close());

  it('lets the author reword a note, and marks it edited only when the words change', async () => {
    const note = await write('Call went well');
    const edited = await updateNote({
      ...base(),
      noteId: note.id,
      body: 'Call went well\nNext: QBR in May',
      actor: actors.author,
      now: new Date('2026-03-02T10:00:00Z'),
    });
    expect(edited).toMatchObject({
      body: 'Call went well\nNext: QBR in May',
      edited_at: '2026-03-02T10:00:00.000Z',
      updated_at: '2026-03-02T10:00:00.000Z',
      created_at: '2026-03-01T09:00:00.000Z',
    });
    const pinned = await updateNote({
      ...base(),
      noteId: note.id,
      isPinned: true,
      body: 'Call went well\nNext: QBR in May',
      actor: actors.author,
      now: new Date('2026-03-03T10:00:00Z'),
    });
    expect(pinned).toMatchObject({ is_pinned: true, edited_at: '2026-03-02T10:00:00.000Z' });
  });

  it("refuses another CSM's edit or delete of a note, but lets them pin it; a manager and an admin may do all", async () => {
    const note = await write('Champion is leaving in June');
    const reword = (actor: TNoteActor, body: string) =>
      updateNote({ ...base(), noteId: note.id, body, actor });
    await expect(reword(actors.otherCsm, 'rewritten')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteNote({ ...base(), noteId: note.id, actor: actors.otherCsm })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(reword(actors.viewer, 'rewritten')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      updateNote({ ...base(), noteId: note.id, isPinned: true, actor: actors.viewer }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getNote({ ...base(), noteId: note.id })).body).toBe('Champion is leaving in June');

    const pinned = await updateNote({ ...base(), noteId: note.id, isPinned: true, actor: actors.otherCsm });
    expect(pinned).toMatchObject({ is_pinned: true, edited_at: null, body: 'Champion is leaving in June' });
    expect((await reword(actors.manager, 'Champion leaves in June')).body).toBe('Champion leaves in June');
    expect((await reword(actors.admin, 'Champion leaves 30 June')).body).toBe('Champion leaves 30 June');
    expect(await deleteNote({ ...base(), noteId: note.id, actor: actors.manager })).toEqual({
      id: note.id,
      deleted: true,
    });
  });

  it('deletes for good: the row is gone, not hidden', async () => {
    const note = await write('Wrong account, sorry');
    await deleteNote({ ...base(), noteId: note.id, actor: actors.author });
    await expect(getNote({ ...base(), noteId: note.id })).rejects.toMatchObject({ code: 'not_found' });
    const rows = await store.db
      .selectFrom('account_notes')
      .select('id')
      .where('workspace_id', '=', 'notes-u')
      .where('id', '=', note.id)
      .execute();
    expect(rows).toEqual([]);
    await expect(deleteNote({ ...base(), noteId: note.id, actor: actors.author })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('answers a note addressed through another account as not found, and validates the new body', async () => {
    const note = await write('On acme');
    const elsewhere = { ...base(), accountId: 'other', noteId: note.id };
    await expect(updateNote({ ...elsewhere, body: 'moved?', actor: actors.admin })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deleteNote({ ...elsewhere, actor: actors.admin })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      updateNote({ ...base(), noteId: note.id, body: '   ', actor: actors.author }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(updateNote({ ...base(), noteId: note.id, actor: actors.author })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it("keeps a removed user's notes, without an author", async () => {
    const leaver = await insertUser(store.db, { workspaceId: 'notes-u', role: 'csm' });
    const note = await createNote({ ...base(), body: 'Handover: see QBR deck', authorUserId: leaver.id });
    await deleteUser({ db: store.db, workspaceId: 'notes-u', id: leaver.id });
    expect(await getNote({ ...base(), noteId: note.id })).toMatchObject({
      body: 'Handover: see QBR deck',
      author: null,
    });
    expect((await findNotes(base())).notes.map((n) => n.id)).toContain(note.id);
  });
});
