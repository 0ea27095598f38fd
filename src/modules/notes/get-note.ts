import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { selectNotes, type TNote, toNote } from './note-shape.ts';

/**
 * One note of one account. A note of another account, or of another workspace, is `not_found` like an
 * unknown id: a note's address is its account's.
 */
export async function getNote({
  db,
  workspaceId,
  accountId,
  noteId,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  noteId: string;
}): Promise<TNote> {
  const row = await selectNotes(db, workspaceId)
    .where('n.account_id', '=', accountId)
    .where('n.id', '=', noteId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no note "${noteId}" on account "${accountId}"`);
  return toNote(row);
}
