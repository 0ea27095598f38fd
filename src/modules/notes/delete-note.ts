import type { TDb } from '../../db/connect.ts';
import { assertCanChangeNote } from './assert-can-change-note.ts';
import { getNote } from './get-note.ts';
import type { TNoteActor } from './note-shape.ts';

/**
 * Deletes a note for good (migration 0012 says why there is no soft delete): its author, a manager or an
 * admin may; not_found when the note is not on that account of this workspace.
 */
export async function deleteNote({
  db,
  workspaceId,
  accountId,
  noteId,
  actor,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  noteId: string;
  actor: TNoteActor;
}): Promise<{ id: string; deleted: true }> {
  const note = await getNote({ db, workspaceId, accountId, noteId });
  assertCanChangeNote({ note, actor });
  await db
    .deleteFrom('account_notes')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('id', '=', noteId)
    .execute();
  return { id: noteId, deleted: true };
}
