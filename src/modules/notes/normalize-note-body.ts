import { AppError } from '../../errors.ts';
import { NOTE_MAX_CHARS } from './note-shape.ts';

/**
 * The body as stored: Windows line breaks made `\n`, blank lines and spaces around the text dropped (they
 * only push the note apart on the page). Inner line breaks stay: a call summary is often a list. Empty or
 * over NOTE_MAX_CHARS characters is `invalid_input` naming `body`.
 */
export function normalizeNoteBody(body: unknown): string {
  if (typeof body !== 'string') throw new AppError('invalid_input', 'body: expected text');
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new AppError('invalid_input', 'body: a note cannot be empty');
  const length = [...text].length;
  if (length > NOTE_MAX_CHARS) {
    throw new AppError(
      'invalid_input',
      `body: at most ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters (this one has ${length.toLocaleString('en-US')})`,
    );
  }
  return text;
}
