import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TWebhook, TWebhookDelivery } from '../types.ts';
import { QueryState } from './query-state.tsx';

/**
 * Outgoing webhook endpoints (admin only): list, add, delete, test, and each one's delivery log. The signing
 * secret is in the create answer only, so it is shown here once and never again.
 */
export function SettingsWebhooks() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string | undefined>();
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ webhooks: TWebhook[] }>('/v1/webhooks'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/v1/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      if (id === shown) setShown(undefined);
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const test = useMutation({
    mutationFn: (id: string) =>
      api<{ delivery_id: string }>(`/v1/webhooks/${encodeURIComponent(id)}/test`, { method: 'POST' }),
    onSuccess: (_, id) => {
      setShown(id);
      void queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', id] });
    },
  });
  const confirmDelete = (hook: TWebhook) => {
    if (window.confirm(t('webhooks.confirmDelete', { url: hook.url }))) remove.mutate(hook.id);
  };
  const error = remove.error ?? test.error;
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      {test.isSuccess ? <p role="status">{t('webhooks.testQueued')}</p> : null}
      <QueryState query={webhooks}>
        {(data) =>
          data.webhooks.length === 0 ? (
            <p>{t('webhooks.none')}</p>
          ) : (
            <table aria-label={t('webhooks.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.url')}</th>
                  <th scope="col">{t('webhooks.events')}</th>
                  <th scope="col">{t('account360.status')}</th>
                  <th scope="col">{t('settings.created')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.webhooks.map((hook) => (
                  <tr key={hook.id} aria-selected={hook.id === shown ? true : undefined}>
                    <th scope="row">
                      <code>{hook.url}</code>
                      {hook.description ? <div className="muted">{hook.description}</div> : null}
                    </th>
                    <td>
                      {hook.event_types.length === 0 ? t('webhooks.allEvents') : hook.event_types.join(', ')}
                    </td>
                    <td>{hook.is_enabled ? t('settings.active') : t('webhooks.disabled')}</td>
                    <td>{format.date(hook.created_at)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        aria-pressed={hook.id === shown}
                        onClick={() => setShown(hook.id === shown ? undefined : hook.id)}
                      >
                        {t('webhooks.deliveries')}
                      </button>
                      <button type="button" disabled={test.isPending} onClick={() => test.mutate(hook.id)}>
                        {t('webhooks.sendTest')}
                      </button>
                      <button
                        type="button"
                        className="danger"
                        disabled={remove.isPending}
                        aria-label={t('webhooks.deleteNamed', { url: hook.url })}
                        onClick={() => confirmDelete(hook)}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {shown ? <Deliveries endpointId={shown} /> : null}
      <CreateWebhook />
    </section>
  );
}

function CreateWebhook() {
  const t = useT();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<TWebhook & { secret: string }>('/v1/webhooks', {
        method: 'POST',
        body: {
          url: url.trim(),
          description: description.trim() || null,
          event_types: events.split(/[\s,]+/).filter(Boolean),
        },
      }),
    onSuccess: () => {
      setUrl('');
      setDescription('');
      setEvents('');
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="new-webhook-title">
      <h3 id="new-webhook-title">{t('webhooks.new')}</h3>
      <div className="row">
        <label className="grow">
          {t('webhooks.url')}
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          {t('webhooks.description')}
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <label>
        {t('webhooks.events')}
        <input
          value={events}
          placeholder="task.created, dunning.final_action"
          aria-describedby="webhook-events-help"
          onChange={(e) => setEvents(e.target.value)}
        />
      </label>
      <p id="webhook-events-help" className="muted">
        {t('webhooks.eventsHelp')}
      </p>
      {create.isError ? (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('webhooks.create')}
        </button>
      </div>
      {create.isSuccess ? (
        <div role="status">
          <p>{t('webhooks.secretOnce', { url: create.data.url })}</p>
          <p className="secret" data-testid="new-webhook-secret">
            {create.data.secret}
          </p>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(create.data.secret)}>
            {t('settings.copy')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** An endpoint's deliveries, newest first; each row opens its attempts. */
function Deliveries({ endpointId }: { endpointId: string }) {
  const t = useT();
  const format = useFormat();
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', endpointId],
    queryFn: () =>
      api<{ deliveries: TWebhookDelivery[] }>(`/v1/webhooks/${encodeURIComponent(endpointId)}/deliveries`, {
        query: { limit: 50 },
      }),
  });
  const stamp = (iso: string) => `${format.date(iso)} ${iso.slice(11, 19)}`;
  return (
    <div className="deliveries">
      <h3>{t('webhooks.deliveryLog')}</h3>
      <QueryState query={deliveries}>
        {(data) =>
          data.deliveries.length === 0 ? (
            <p className="muted">{t('webhooks.noDeliveries')}</p>
          ) : (
            <table aria-label={t('webhooks.deliveryLog')}>
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.event')}</th>
                  <th scope="col">{t('settings.created')}</th>
                  <th scope="col">{t('account360.status')}</th>
                  <th scope="col" className="num">
                    {t('webhooks.attempts')}
                  </th>
                  <th scope="col">{t('webhooks.lastResult')}</th>
                </tr>
              </thead>
              <tbody>
                {data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <code>{d.event_type}</code>
                    </th>
                    <td>{stamp(d.created_at)}</td>
                    <td>
                      <span className={`badge delivery-${d.status}`}>{t(`webhooks.status.${d.status}`)}</span>
                    </td>
                    <td className="num">{format.number(d.attempt_count)}</td>
                    <td>
                      {d.attempts.length === 0 ? (
                        '—'
                      ) : (
                        <details>
                          <summary>{d.last_status_code ?? d.last_error ?? '—'}</summary>
                          <ol className="attempts">
                            {d.attempts.map((a) => (
                              <li key={a.attempt}>
                                {stamp(a.attempted_at)} · {a.status_code ?? a.error ?? '—'} ·{' '}
                                {t('webhooks.ms', { ms: format.number(a.duration_ms) })}
                              </li>
                            ))}
                          </ol>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </div>
  );
}
