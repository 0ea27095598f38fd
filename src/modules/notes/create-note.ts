import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { assertAccountExists } from '../accounts360/assert-account-exists.ts';
import { getNote } from './get-note.ts';
import { normalizeNoteBody } from './normalize-note-body.ts';
import type { TNote } from './note-shape.ts';

export type TCreateNoteInput = {
  db: TDb;
  workspaceId: string;
  accountId: string;
  /** Plain text; line breaks are kept. */
  body: string;
  isPinned?: boolean;
  /** The signed-in user who writes it. */
  authorUserId?: string;
  /** The integration's key, when the API is called with one. */
  authorApiKeyId?: string;
  now?: Date;
};

/** Writes a note on an account (not_found when the account is not in the workspace). */
export async function createNote(input: TCreateNoteInput): Promise<TNote> {
  const { db, workspaceId, accountId } = input;
  const body = normalizeNoteBody(input.body);
  await assertAccountExists({ db, workspaceId, accountId });
  const now = input.now ?? new Date();
  const id = `note_${randomBytes(8).toString('hex')}`;
  await db
    .insertInto('account_notes')
    .values({
      workspace_id: workspaceId,
      id,
      account_id: accountId,
      author_user_id: input.authorUserId ?? null,
      author_api_key_id: input.authorUserId ? null : (input.authorApiKeyId ?? null),
      body,
      is_pinned: input.isPinned ?? false,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return getNote({ db, workspaceId, accountId, noteId: id });
}
