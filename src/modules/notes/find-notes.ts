import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assertAccountExists } from '../accounts360/assert-account-exists.ts';
import { selectNotes, type TNote, toNote } from './note-shape.ts';

export const MAX_NOTE_PAGE = 200;

/**
 * A page of an account's notes with the total: pinned notes first, then newest first (the order of the
 * account page, and of the `account_notes_account` index).
 */
export async function findNotes({
  db,
  workspaceId,
  accountId,
  limit = 50,
  offset = 0,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  limit?: number;
  offset?: number;
}): Promise<{ account_id: string; total: number; limit: number; offset: number; notes: TNote[] }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NOTE_PAGE) {
    throw new AppError('invalid_input', `limit: expected 1 to ${MAX_NOTE_PAGE}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new AppError('invalid_input', 'offset: expected ≥ 0');
  await assertAccountExists({ db, workspaceId, accountId });
  const [count, rows] = await Promise.all([
    db
      .selectFrom('account_notes')
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    selectNotes(db, workspaceId)
      .where('n.account_id', '=', accountId)
      .orderBy('n.is_pinned', 'desc')
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { account_id: accountId, total: Number(count.n), limit, offset, notes: rows.map(toNote) };
}
