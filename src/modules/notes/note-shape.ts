import type { TDb } from '../../db/connect.ts';

/** The longest body, in characters (code points, as PostgreSQL's `char_length` counts them). */
export const NOTE_MAX_CHARS = 10_000;

/**
 * Who wrote a note: a user (by their current name and email) or an integration's API key (by its name).
 * `null` when none was recorded (`tenure notes add` without `--author`), or once that user or key is
 * removed: the note stays, its author is forgotten.
 */
export type TNoteAuthor =
  | { type: 'user'; id: string; name: string | null; email: string }
  | { type: 'api_key'; id: string; name: string };

export type TNote = {
  id: string;
  account_id: string;
  body: string;
  is_pinned: boolean;
  author: TNoteAuthor | null;
  created_at: string;
  updated_at: string;
  /** When the body last changed; null when never edited (pinning is not an edit). */
  edited_at: string | null;
};

/** Who asks for a change: their role, and the user or key behind the request. */
export type TNoteActor = { role: 'admin' | 'manager' | 'csm' | 'viewer'; userId?: string; apiKeyId?: string };

/**
 * Notes of a workspace with their author. The author's name is read with the note (a join, not a second
 * query per page) so that a renamed user shows under their new name on every note they wrote.
 */
export function selectNotes(db: TDb, workspaceId: string) {
  return db
    .selectFrom('account_notes as n')
    .leftJoin('users as u', (join) =>
      join.onRef('u.workspace_id', '=', 'n.workspace_id').onRef('u.id', '=', 'n.author_user_id'),
    )
    .leftJoin('api_keys as k', (join) =>
      join.onRef('k.workspace_id', '=', 'n.workspace_id').onRef('k.id', '=', 'n.author_api_key_id'),
    )
    .where('n.workspace_id', '=', workspaceId)
    .select([
      'n.id',
      'n.account_id',
      'n.body',
      'n.is_pinned',
      'n.created_at',
      'n.updated_at',
      'n.edited_at',
      'n.author_user_id',
      'n.author_api_key_id',
      'u.name as user_name',
      'u.email as user_email',
      'k.name as key_name',
    ]);
}

export type TNoteRow = {
  id: string;
  account_id: string;
  body: string;
  is_pinned: boolean;
  created_at: Date;
  updated_at: Date;
  edited_at: Date | null;
  author_user_id: string | null;
  author_api_key_id: string | null;
  user_name: string | null;
  user_email: string | null;
  key_name: string | null;
};

export function toNote(row: TNoteRow): TNote {
  let author: TNoteAuthor | null = null;
  if (row.author_user_id && row.user_email !== null) {
    author = { type: 'user', id: row.author_user_id, name: row.user_name, email: row.user_email };
  } else if (row.author_api_key_id && row.key_name !== null) {
    author = { type: 'api_key', id: row.author_api_key_id, name: row.key_name };
  }
  return {
    id: row.id,
    account_id: row.account_id,
    body: row.body,
    is_pinned: row.is_pinned,
    author,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    edited_at: row.edited_at ? row.edited_at.toISOString() : null,
  };
}
