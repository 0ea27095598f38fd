import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.ts';
import type { TLocale, TRole, TUserRow } from '../types.ts';
import { QueryState } from './query-state.tsx';

const ROLES: TRole[] = ['viewer', 'csm', 'manager', 'admin'];
/** src/modules/users/validate-user.ts */
const MIN_PASSWORD = 12;

/** The workspace's users: add one with a role, change a role, disable or enable (admin only). */
export function SettingsUsers() {
  const t = useT();
  const format = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ users: TUserRow[] }>('/v1/users') });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { role?: TRole; disabled?: boolean } }) =>
      api<TUserRow>(`/v1/users/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      {update.isError ? (
        <p className="error" role="alert">
          {update.error.message}
        </p>
      ) : null}
      <QueryState query={users}>
        {(data) => (
          <table aria-label={t('settings.users')}>
            <thead>
              <tr>
                <th scope="col">{t('login.email')}</th>
                <th scope="col">{t('setup.name')}</th>
                <th scope="col">{t('settings.role')}</th>
                <th scope="col">{t('top.language')}</th>
                <th scope="col">{t('account360.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => {
                const isMe = user.id === me.user?.id;
                return (
                  <tr key={user.id}>
                    <th scope="row">{user.email}</th>
                    <td>{user.name ?? '—'}</td>
                    <td>
                      <select
                        aria-label={t('settings.roleOf', { email: user.email })}
                        value={user.role}
                        disabled={update.isPending || isMe}
                        onChange={(event) =>
                          update.mutate({ id: user.id, body: { role: event.target.value as TRole } })
                        }
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{user.locale === 'es' ? 'Español' : 'English'}</td>
                    <td>
                      {user.disabled_at
                        ? t('settings.disabledOn', { date: format.date(user.disabled_at) })
                        : t('settings.active')}
                    </td>
                    <td>
                      {isMe ? (
                        <span className="muted">{t('settings.you')}</span>
                      ) : (
                        <button
                          type="button"
                          className={user.disabled_at ? undefined : 'danger'}
                          disabled={update.isPending}
                          aria-label={
                            user.disabled_at
                              ? t('settings.enable', { email: user.email })
                              : t('settings.disable', { email: user.email })
                          }
                          onClick={() =>
                            update.mutate({ id: user.id, body: { disabled: !user.disabled_at } })
                          }
                        >
                          {user.disabled_at ? t('settings.enableShort') : t('settings.disableShort')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
      <AddUser />
    </section>
  );
}

function AddUser() {
  const t = useT();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<TRole>('csm');
  const [locale, setLocale] = useState<TLocale>('en');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<TUserRow>('/v1/users', {
        method: 'POST',
        body: { email, name: name.trim() || null, role, locale, password },
      }),
    onSuccess: () => {
      setEmail('');
      setName('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="add-user-title">
      <h3 id="add-user-title">{t('settings.addUser')}</h3>
      <div className="row">
        <label>
          {t('login.email')}
          <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label>
          {t('setup.name')}
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t('settings.role')}
          <select value={role} onChange={(event) => setRole(event.target.value as TRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('top.language')}
          <select value={locale} onChange={(event) => setLocale(event.target.value as TLocale)}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <label>
          {t('settings.password')}
          <input
            type="password"
            required
            minLength={MIN_PASSWORD}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
      </div>
      <p className="muted">{t('settings.passwordHint', { min: MIN_PASSWORD })}</p>
      {create.isError ? (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      ) : null}
      {create.isSuccess ? <p role="status">{t('settings.userAdded', { email: create.data.email })}</p> : null}
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('settings.addUser')}
        </button>
      </div>
    </form>
  );
}
