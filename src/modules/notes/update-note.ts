import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { isRoleAtLeast } from '../users/roles.ts';
import { assertCanChangeNote } from './assert-can-change-note.ts';
import { getNote } from './get-note.ts';
import { normalizeNoteBody } from './normalize-note-body.ts';
import type { TNote, TNoteActor } from './note-shape.ts';

export type TUpdateNoteInput = {
  db: TDb;
  workspaceId: string;
  accountId: string;
  noteId: string;
  body?: string;
  isPinned?: boolean;
  actor: TNoteActor;
  now?: Date;
};

/**
 * Changes a note's body or pins it. Rewording is the author's (or a manager's, assertCanChangeNote);
 * pinning is any CSM's: it changes what the team sees first on the account page, not what anyone wrote.
 * `edited_at` moves only when the body really changes, so a reader sees "edited" only for new words.
 */
export async function updateNote(input: TUpdateNoteInput): Promise<TNote> {
  const { db, workspaceId, accountId, noteId, actor } = input;
  if (input.body === undefined && input.isPinned === undefined) {
    throw new AppError('invalid_input', 'nothing to change: give body or is_pinned');
  }
  const body = input.body === undefined ? undefined : normalizeNoteBody(input.body);
  const note = await getNote({ db, workspaceId, accountId, noteId });
  if (body !== undefined) assertCanChangeNote({ note, actor });
  else if (!isRoleAtLeast(actor.role, 'csm'))
    throw new AppError('forbidden', 'pinning a note needs the csm role');
  const now = input.now ?? new Date();
  await db
    .updateTable('account_notes')
    .set({
      body,
      is_pinned: input.isPinned,
      updated_at: now,
      edited_at:
        body === undefined
          ? undefined
          : sql<Date | null>`case when body is distinct from ${body} then ${now.toISOString()}::timestamptz else edited_at end`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('id', '=', noteId)
    .execute();
  return getNote({ db, workspaceId, accountId, noteId });
}
