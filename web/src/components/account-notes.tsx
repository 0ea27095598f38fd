import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { type TTranslate, useT } from '../i18n.ts';
import { useAccountNotes } from '../queries.ts';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TMe, TNote } from '../types.ts';
import { QueryState } from './query-state.tsx';

const PAGE = 20;
/** The API's limit (src/modules/notes/note-shape.ts), counted in characters as the server counts them. */
const MAX_CHARS = 10_000;

// The stylesheet belongs to the whole dashboard; the few rules only this section needs stay with it.
const LIST: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const ITEM: CSSProperties = { borderTop: '1px solid var(--line)', padding: '0.6rem 0 0.6rem 0.6rem' };
const PINNED_ITEM: CSSProperties = { ...ITEM, borderLeft: '3px solid var(--accent)', background: '#f3f6fd' };
const HEAD: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.25rem 0.6rem',
  alignItems: 'baseline',
};
// `pre-wrap` keeps the writer's line breaks; React renders the body as text, never as HTML.
const BODY: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '0.35rem 0' };
const TEXTAREA: CSSProperties = {
  width: '100%',
  minHeight: '5.5rem',
  resize: 'vertical',
  fontFamily: 'inherit',
  marginTop: '0.25rem',
};
const ROW: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' };
const PIN_BADGE: CSSProperties = { background: 'var(--accent)' };

/** Characters as the server counts them (code points: an emoji is one). */
const charCount = (text: string) => [...text].length;

/** Ctrl+Enter, or ⌘+Enter on a Mac: submit the form the textarea is in. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

function noteAuthor(note: TNote, t: TTranslate): string {
  if (!note.author) return t('notes.unknownAuthor');
  if (note.author.type === 'api_key') return t('notes.apiKey', { name: note.author.name });
  return note.author.name ?? note.author.email;
}

/** Rewording and deleting are the author's, or a manager's (src/modules/notes/assert-can-change-note.ts). */
function canChange(note: TNote, me: TMe): boolean {
  if (isRoleAtLeast(me.role, 'manager')) return true;
  return isRoleAtLeast(me.role, 'csm') && note.author?.type === 'user' && note.author.id === me.user?.id;
}

/**
 * The account's notes: pinned first, then newest. A CSM writes one (Ctrl/Cmd+Enter saves), pins and unpins
 * any, and edits or deletes their own; a manager or an admin edits or deletes any. A viewer only reads.
 */
export function AccountNotes({ accountId }: { accountId: string }) {
  const t = useT();
  const format = useFormat();
  const me = useSession();
  const [limit, setLimit] = useState(PAGE);
  const notes = useAccountNotes(accountId, limit);
  const canWrite = isRoleAtLeast(me.role, 'csm');
  return (
    <section className="card" aria-labelledby="notes-title">
      <div className="card-head">
        <h2 id="notes-title">{t('notes.title')}</h2>
        {notes.data && notes.data.total > 0 ? (
          <span className="muted">
            {notes.data.notes.length < notes.data.total
              ? t('notes.shown', {
                  shown: format.number(notes.data.notes.length),
                  total: format.number(notes.data.total),
                })
              : notes.data.total === 1
                ? t('notes.countOne')
                : t('notes.count', { count: format.number(notes.data.total) })}
          </span>
        ) : null}
      </div>
      {canWrite ? <NoteComposer accountId={accountId} /> : null}
      <QueryState query={notes}>
        {(page) =>
          page.notes.length === 0 ? (
            <p className="muted">{t('notes.empty')}</p>
          ) : (
            <>
              <ul style={LIST} aria-label={t('notes.title')}>
                {page.notes.map((note) => (
                  <NoteItem key={note.id} note={note} me={me} />
                ))}
              </ul>
              {page.notes.length < page.total ? (
                <div className="pager">
                  <button type="button" disabled={notes.isFetching} onClick={() => setLimit(limit + PAGE)}>
                    {t('notes.more')}
                  </button>
                </div>
              ) : null}
            </>
          )
        }
      </QueryState>
    </section>
  );
}

/** After any change: the list and the timeline (which shows notes) read again. */
function useRefresh(accountId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['account-notes', accountId] });
    void queryClient.invalidateQueries({ queryKey: ['account-timeline', accountId] });
  };
}

/** Says nothing until the text nears the limit: a short note needs no counter. */
function CharCount({ id, text }: { id: string; text: string }) {
  const t = useT();
  const format = useFormat();
  const count = charCount(text.trim());
  return (
    <span id={id} className={count > MAX_CHARS ? 'error' : 'muted'} aria-live="polite">
      {count >= MAX_CHARS * 0.9
        ? t('notes.chars', { count: format.number(count), max: format.number(MAX_CHARS) })
        : null}
    </span>
  );
}

function NoteComposer({ accountId }: { accountId: string }) {
  const t = useT();
  const id = useId();
  const refresh = useRefresh(accountId);
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<TNote>(`/v1/accounts/${encodeURIComponent(accountId)}/notes`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      setBody('');
      refresh();
    },
  });
  const count = charCount(body.trim());
  const isValid = count > 0 && count <= MAX_CHARS;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isValid && !create.isPending) create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t('notes.new')} style={{ marginBottom: '0.75rem' }}>
      <label htmlFor={`${id}-body`}>{t('notes.new')}</label>
      <textarea
        id={`${id}-body`}
        style={TEXTAREA}
        value={body}
        aria-describedby={`${id}-hint ${id}-count`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={submitOnModEnter}
      />
      <div style={ROW}>
        <button type="submit" className="primary" disabled={!isValid || create.isPending}>
          {t('notes.add')}
        </button>
        <span id={`${id}-hint`} className="muted hint">
          {t('notes.hint')}
        </span>
        <CharCount id={`${id}-count`} text={body} />
      </div>
      {create.isError ? <p className="error">{create.error.message}</p> : null}
      {create.isSuccess && body === '' ? (
        <p role="status" className="muted">
          {t('notes.saved')}
        </p>
      ) : null}
    </form>
  );
}

function NoteItem({ note, me }: { note: TNote; me: TMe }) {
  const t = useT();
  // When a note was written reads as "5 minutes ago" for a week, then as its date and time; the full
  // date and time are in the tooltip.
  const format = useFormat();
  const id = useId();
  const refresh = useRefresh(note.account_id);
  const [draft, setDraft] = useState<string | null>(null);
  const path = `/v1/accounts/${encodeURIComponent(note.account_id)}/notes/${encodeURIComponent(note.id)}`;
  const change = useMutation({
    mutationFn: (patch: { body?: string; is_pinned?: boolean }) =>
      api<TNote>(path, { method: 'PATCH', body: patch }),
    onSuccess: () => {
      setDraft(null);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api(path, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const author = noteAuthor(note, t);
  const written = format.dateTime(note.created_at);
  const canPin = isRoleAtLeast(me.role, 'csm');
  const mayChange = canChange(note, me);
  const error = change.error ?? remove.error;
  const confirmDelete = () => {
    if (window.confirm(t('notes.confirmDelete', { author }))) remove.mutate();
  };
  const saveDraft = (event: FormEvent) => {
    event.preventDefault();
    if (draft !== null && !change.isPending) change.mutate({ body: draft });
  };
  const draftCount = draft === null ? 0 : charCount(draft.trim());

  return (
    <li style={note.is_pinned ? PINNED_ITEM : ITEM} data-testid="note">
      <div style={HEAD} id={`${id}-head`}>
        <strong>{author}</strong>
        <time dateTime={note.created_at} title={written} className="muted">
          {format.relativeTime(note.created_at)}
        </time>
        {note.is_pinned ? (
          <span className="badge" style={PIN_BADGE}>
            {t('notes.pinned')}
          </span>
        ) : null}
        {note.edited_at ? (
          <span className="muted" title={format.dateTime(note.edited_at)}>
            {t('notes.edited', { date: format.relativeTime(note.edited_at) })}
          </span>
        ) : null}
      </div>
      {draft === null ? (
        <p style={BODY}>{note.body}</p>
      ) : (
        <form onSubmit={saveDraft} aria-label={t('notes.actions', { author, date: written })}>
          <label htmlFor={`${id}-edit`} className="muted">
            {t('notes.editText')}
          </label>
          <textarea
            id={`${id}-edit`}
            style={TEXTAREA}
            value={draft}
            // biome-ignore lint/a11y/noAutofocus: the person just pressed Edit; typing goes where they meant.
            autoFocus
            aria-describedby={`${id}-count`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setDraft(null);
              else submitOnModEnter(event);
            }}
          />
          <div style={ROW}>
            <button
              type="submit"
              className="primary"
              disabled={draftCount === 0 || draftCount > MAX_CHARS || change.isPending}
            >
              {t('notes.save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('notes.cancel')}
            </button>
            <CharCount id={`${id}-count`} text={draft} />
          </div>
        </form>
      )}
      {canPin && draft === null ? (
        // Each button is described by the note's author and time: "Edit" alone does not say which note.
        <div style={ROW}>
          <button
            type="button"
            aria-describedby={`${id}-head`}
            disabled={change.isPending}
            onClick={() => change.mutate({ is_pinned: !note.is_pinned })}
          >
            {note.is_pinned ? t('notes.unpin') : t('notes.pin')}
          </button>
          {mayChange ? (
            <>
              <button type="button" aria-describedby={`${id}-head`} onClick={() => setDraft(note.body)}>
                {t('notes.edit')}
              </button>
              <button
                type="button"
                className="danger"
                aria-describedby={`${id}-head`}
                disabled={remove.isPending}
                onClick={confirmDelete}
              >
                {t('notes.delete')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {error ? <p className="error">{error.message}</p> : null}
    </li>
  );
}
