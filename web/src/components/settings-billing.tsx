import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import type { TPaymentProvider, TStripeSettings } from '../types.ts';
import { QueryState } from './query-state.tsx';

/**
 * Stripe (the webhook that brings its records in) and the payment provider dunning retries go through
 * (admin only). Secrets are write-only: the API says whether one is set, never what it is, and an empty
 * field leaves the stored one as it is.
 */
export function SettingsBilling() {
  return (
    <>
      <StripeSettings />
      <PaymentProviderSettings />
    </>
  );
}

function SecretState({ isSet }: { isSet: boolean }) {
  const t = useT();
  return (
    <span className={`badge ${isSet ? 'secret-set' : 'secret-unset'}`}>
      {isSet ? t('billing.set') : t('billing.notSet')}
    </span>
  );
}

function StripeSettings() {
  const t = useT();
  const queryClient = useQueryClient();
  const [webhookSecret, setWebhookSecret] = useState('');
  const [apiKey, setApiKey] = useState('');
  const stripe = useQuery({ queryKey: ['stripe'], queryFn: () => api<TStripeSettings>('/v1/stripe') });
  const save = useMutation({
    mutationFn: () =>
      api<TStripeSettings>('/v1/stripe', {
        method: 'PUT',
        body: { webhook_secret: webhookSecret || undefined, api_key: apiKey || undefined },
      }),
    onSuccess: (saved) => {
      setWebhookSecret('');
      setApiKey('');
      queryClient.setQueryData(['stripe'], saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby="stripe-title">
      <h2 id="stripe-title">{t('stripe.title')}</h2>
      <QueryState query={stripe}>
        {(s) => (
          <>
            <dl className="facts">
              <div>
                <dt>{t('stripe.webhookSecret')}</dt>
                <dd data-testid="stripe-webhook-secret">
                  <SecretState isSet={s.webhook_secret_set} />
                </dd>
              </div>
              <div>
                <dt>{t('stripe.apiKey')}</dt>
                <dd>
                  <SecretState isSet={s.api_key_set} />
                </dd>
              </div>
            </dl>
            <p>{t('stripe.webhookUrl')}</p>
            {/* The path is the server's; the origin is where this dashboard is served, the same server. */}
            <p className="secret" data-testid="stripe-webhook-url">
              {`${window.location.origin}${s.webhook_path}`}
            </p>
            <p className="muted">{t('stripe.webhookHelp')}</p>
          </>
        )}
      </QueryState>
      <form className="stack" onSubmit={submit} aria-label={t('stripe.title')}>
        <div className="row">
          <label>
            {t('stripe.webhookSecret')}
            <input
              type="password"
              autoComplete="off"
              placeholder="whsec_…"
              value={webhookSecret}
              onChange={(e) => setWebhookSecret(e.target.value)}
            />
          </label>
          <label>
            {t('stripe.apiKey')}
            <input
              type="password"
              autoComplete="off"
              placeholder="sk_… / rk_…"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={save.isPending || (!webhookSecret && !apiKey)}>
            {t('billing.save')}
          </button>
        </div>
        {save.isError ? (
          <p className="error" role="alert">
            {save.error.message}
          </p>
        ) : null}
        {save.isSuccess ? <p role="status">{t('billing.saved')}</p> : null}
      </form>
    </section>
  );
}

function PaymentProviderSettings() {
  const t = useT();
  const provider = useQuery({
    queryKey: ['payment-provider'],
    queryFn: () => api<TPaymentProvider>('/v1/payment-provider'),
  });
  return (
    <section className="card" aria-labelledby="provider-title">
      <h2 id="provider-title">{t('provider.title')}</h2>
      <p className="muted">{t('provider.intro')}</p>
      <QueryState query={provider}>{(p) => <ProviderForm key={JSON.stringify(p)} initial={p} />}</QueryState>
    </section>
  );
}

function ProviderForm({ initial }: { initial: TPaymentProvider }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'stripe' | 'http'>(initial.kind ?? 'stripe');
  const [stripeBaseUrl, setStripeBaseUrl] = useState(initial.stripe_base_url ?? '');
  const [stripeApiKey, setStripeApiKey] = useState('');
  const [httpUrl, setHttpUrl] = useState(initial.http_url ?? '');
  const [httpSecret, setHttpSecret] = useState('');
  const [updatePaymentUrl, setUpdatePaymentUrl] = useState(initial.update_payment_url);
  const [publicUrl, setPublicUrl] = useState(initial.public_url);
  const save = useMutation({
    mutationFn: () =>
      api<TPaymentProvider>('/v1/payment-provider', {
        method: 'PUT',
        // Only the chosen kind's fields: switching kinds keeps the other kind's settings for switching back.
        body: {
          kind,
          ...(kind === 'stripe'
            ? { stripe_base_url: stripeBaseUrl.trim() || null, stripe_api_key: stripeApiKey || undefined }
            : { http_url: httpUrl.trim() || null, http_secret: httpSecret || undefined }),
          update_payment_url: updatePaymentUrl.trim() || null,
          public_url: publicUrl.trim() || null,
        },
      }),
    onSuccess: (saved) => queryClient.setQueryData(['payment-provider'], saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack wide" onSubmit={submit} aria-label={t('provider.title')}>
      <div className="row">
        <label>
          {t('provider.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'stripe' | 'http')}>
            <option value="stripe">Stripe</option>
            <option value="http">{t('provider.http')}</option>
          </select>
        </label>
        {initial.kind === null ? <span className="muted">{t('provider.none')}</span> : null}
      </div>
      {kind === 'stripe' ? (
        <div className="row">
          <label>
            {t('stripe.apiKey')} <SecretState isSet={initial.has_stripe_api_key} />
            <input
              type="password"
              autoComplete="off"
              placeholder="sk_… / rk_…"
              value={stripeApiKey}
              onChange={(e) => setStripeApiKey(e.target.value)}
            />
          </label>
          <label className="grow">
            {t('provider.stripeBaseUrl')}
            <input
              type="url"
              placeholder="https://api.stripe.com"
              value={stripeBaseUrl}
              onChange={(e) => setStripeBaseUrl(e.target.value)}
            />
          </label>
        </div>
      ) : (
        <div className="row">
          <label className="grow">
            {t('provider.httpUrl')}
            <input type="url" required value={httpUrl} onChange={(e) => setHttpUrl(e.target.value)} />
          </label>
          <label>
            {t('provider.httpSecret')} <SecretState isSet={initial.has_http_secret} />
            <input
              type="password"
              autoComplete="off"
              minLength={16}
              value={httpSecret}
              onChange={(e) => setHttpSecret(e.target.value)}
            />
          </label>
        </div>
      )}
      <label>
        {t('provider.updatePaymentUrl')}
        <input value={updatePaymentUrl} onChange={(e) => setUpdatePaymentUrl(e.target.value)} />
      </label>
      <p className="muted">{t('provider.updatePaymentHelp')}</p>
      <label>
        {t('provider.publicUrl')}
        <input type="url" value={publicUrl} onChange={(e) => setPublicUrl(e.target.value)} />
      </label>
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess ? <p role="status">{t('billing.saved')}</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('billing.save')}
        </button>
      </div>
    </form>
  );
}
