import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { TAccountPage, TTask, TTaskPriority } from '../types.ts';

const PRIORITIES: TTaskPriority[] = ['low', 'normal', 'high', 'urgent'];

/** Accounts whose id, name or owner contains what was typed: the account field's suggestions. */
function useAccountSuggestions(text: string) {
  return useQuery({
    queryKey: ['account-suggestions', text],
    enabled: text.trim().length >= 2,
    queryFn: () => api<TAccountPage>('/v1/accounts', { query: { q: text.trim(), limit: 10 } }),
  });
}

/**
 * A new task: on a given account (Account 360), or on one picked by name. The owner starts as the person
 * creating it, the usual case of a CSM noting their own follow-up; emptied, the API gives the account's owner.
 */
export function TaskCreate({ accountId }: { accountId?: string }) {
  const t = useT();
  const me = useSession();
  const queryClient = useQueryClient();
  const listId = useId();
  const [account, setAccount] = useState('');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [priority, setPriority] = useState<TTaskPriority>('normal');
  const [owner, setOwner] = useState(me.user?.email ?? '');
  const suggestions = useAccountSuggestions(accountId ? '' : account);
  const create = useMutation({
    mutationFn: () =>
      api<TTask>('/v1/tasks', {
        method: 'POST',
        body: {
          account_id: accountId ?? account.trim(),
          title,
          due_on: dueOn || null,
          priority,
          owner_email: owner.trim() || undefined,
        },
      }),
    onSuccess: () => {
      setTitle('');
      setDueOn('');
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="task-form" onSubmit={submit} aria-label={t('tasks.create')}>
      {accountId ? null : (
        <label>
          {t('tasks.account')}
          <input
            required
            list={listId}
            value={account}
            aria-describedby={`${listId}-hint`}
            onChange={(event) => setAccount(event.target.value)}
          />
          <datalist id={listId}>
            {suggestions.data?.accounts.map((a) => (
              <option key={a.account_id} value={a.account_id}>
                {a.name}
              </option>
            ))}
          </datalist>
          <span id={`${listId}-hint`} className="muted hint">
            {t('tasks.accountHint')}
          </span>
        </label>
      )}
      <label className="task-title-field">
        {t('tasks.titleField')}
        <input required value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        {t('tasks.dueOn')}
        <input type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      </label>
      <label>
        {t('tasks.col.priority')}
        <select value={priority} onChange={(event) => setPriority(event.target.value as TTaskPriority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`tasks.priority.${p}` as TMessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tasks.owner')}
        <input
          type="email"
          value={owner}
          aria-describedby={`${listId}-owner`}
          onChange={(event) => setOwner(event.target.value)}
        />
        <span id={`${listId}-owner`} className="muted hint">
          {t('tasks.ownerHint')}
        </span>
      </label>
      <div className="task-form-submit">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('tasks.save')}
        </button>
      </div>
      {create.isError ? <p className="error task-form-message">{create.error.message}</p> : null}
      {create.isSuccess ? (
        <p role="status" className="task-form-message">
          {t('tasks.created', { title: create.data.title })}
        </p>
      ) : null}
    </form>
  );
}
