import { type FormEvent, useState } from 'react';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import { LIST_PARAMS, type TListState } from './accounts-filters.tsx';

type TView = { name: string; query: string };

/** Views are personal and local by design (issue 5): one key per workspace and user, never sent to the server. */
function storageKey(workspace: string, email: string): string {
  return `tenure.accounts.views.${workspace}.${email}`;
}

function readViews(key: string): TView[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((v): v is TView => typeof v?.name === 'string' && typeof v?.query === 'string')
      : [];
  } catch {
    // A corrupt entry (edited by hand, another version) is no reason to break the page.
    return [];
  }
}

/** The list's URL without its page: a view re-opens on the first page of the same list. */
export function viewQuery(state: TListState): string {
  const params = new URLSearchParams();
  for (const key of LIST_PARAMS) if (state[key]) params.set(key, state[key]);
  return params.toString();
}

export function AccountsViews({ state }: { state: TListState }) {
  const t = useT();
  const me = useSession();
  const key = storageKey(me.workspace, me.user?.email ?? '');
  const [views, setViews] = useState(() => readViews(key));
  const [name, setName] = useState('');

  const store = (next: TView[]) => {
    window.localStorage.setItem(key, JSON.stringify(next));
    setViews(next);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    // Saving under an existing name replaces that view rather than listing two with one name.
    store([...views.filter((view) => view.name !== trimmed), { name: trimmed, query: viewQuery(state) }]);
    setName('');
  };

  return (
    <section className="card accounts-views" aria-label={t('accounts.views')}>
      <h2>{t('accounts.views')}</h2>
      <p className="hint">{t('accounts.views.hint')}</p>
      {views.length === 0 ? (
        <p>{t('accounts.views.none')}</p>
      ) : (
        <ul className="accounts-view-list">
          {views.map((view) => (
            <li key={view.name}>
              <Link
                href={`/accounts?${view.query}`}
                aria-label={t('accounts.views.open', { name: view.name })}
              >
                {view.name}
              </Link>
              <button
                type="button"
                aria-label={t('accounts.views.delete', { name: view.name })}
                onClick={() => store(views.filter((other) => other.name !== view.name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="toolbar" onSubmit={save}>
        <label>
          {t('accounts.views.name')}
          <input value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          {t('accounts.views.save')}
        </button>
      </form>
    </section>
  );
}
