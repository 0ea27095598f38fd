import { AppError } from '../../errors.ts';
import { isRoleAtLeast } from '../users/roles.ts';
import type { TNote, TNoteActor } from './note-shape.ts';

/**
 * A note's words belong to its author: a CSM edits and deletes their own notes, while a manager or an
 * admin (and an API key, which acts as admin) may change anyone's — to correct a note or remove one
 * written on the wrong account. Anyone below csm changes nothing (permissions.ts refuses them earlier).
 */
export function assertCanChangeNote({ note, actor }: { note: TNote; actor: TNoteActor }): void {
  if (!isRoleAtLeast(actor.role, 'csm')) {
    throw new AppError('forbidden', 'changing a note needs the csm role');
  }
  if (isRoleAtLeast(actor.role, 'manager')) return;
  const isAuthor =
    note.author !== null &&
    ((note.author.type === 'user' && note.author.id === actor.userId) ||
      (note.author.type === 'api_key' && note.author.id === actor.apiKeyId));
  if (!isAuthor) {
    throw new AppError('forbidden', "only the note's author, a manager or an admin may change or delete it");
  }
}
