import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TApiKey, TNewApiKey } from '../types.ts';
import { QueryState } from './query-state.tsx';

/**
 * API keys: list, create and revoke (admin only). The server keeps only a hash, so a new key is shown
 * here once, right after it is created, and never again.
 */
export function SettingsApiKeys() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api<{ api_keys: TApiKey[] }>('/v1/api-keys'),
  });
  const create = useMutation({
    mutationFn: () => api<TNewApiKey>('/v1/api-keys', { method: 'POST', body: { name } }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const confirmRevoke = (key: TApiKey) => {
    if (window.confirm(t('settings.confirmRevoke', { name: key.name }))) revoke.mutate(key.id);
  };
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('settings.apiKeys')}</h2>
      {revoke.isError ? (
        <p className="error" role="alert">
          {revoke.error.message}
        </p>
      ) : null}
      <QueryState query={keys}>
        {(data) =>
          data.api_keys.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table aria-label={t('settings.apiKeys')}>
              <thead>
                <tr>
                  <th scope="col">{t('segments.name')}</th>
                  <th scope="col">{t('settings.prefix')}</th>
                  <th scope="col">{t('settings.created')}</th>
                  <th scope="col">{t('settings.lastUsed')}</th>
                  <th scope="col">{t('account360.status')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.api_keys.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{format.date(key.created_at)}</td>
                    <td>{key.last_used_at ? format.date(key.last_used_at) : '—'}</td>
                    <td>
                      {key.revoked_at
                        ? t('settings.revokedOn', { date: format.date(key.revoked_at) })
                        : t('settings.active')}
                    </td>
                    <td>
                      {key.revoked_at ? null : (
                        <button
                          type="button"
                          className="danger"
                          disabled={revoke.isPending}
                          aria-label={t('settings.revoke', { name: key.name })}
                          onClick={() => confirmRevoke(key)}
                        >
                          {t('settings.revokeShort')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <form className="stack" onSubmit={submit} aria-labelledby="new-key-title">
        <h3 id="new-key-title">{t('settings.newKey')}</h3>
        <div className="row">
          <label>
            {t('settings.keyName')}
            <input required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('settings.createKey')}
          </button>
        </div>
        {create.isError ? (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        ) : null}
        {create.isSuccess ? (
          <div role="status">
            <p>{t('settings.keyOnce', { name: create.data.name })}</p>
            <p className="secret" data-testid="new-api-key">
              {create.data.key}
            </p>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(create.data.key)}>
              {t('settings.copy')}
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
