import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, setCsrfToken } from '../api.ts';
import { useLocale, useT } from '../i18n.ts';
import type { TSession } from '../types.ts';

/** Shown only while the store has no user at all (GET /v1/setup); the API refuses it afterwards. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [form, setForm] = useState({ workspace: 'default', name: '', email: '', password: '' });
  const field = (key: keyof typeof form) => ({
    name: key,
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });
  const setup = useMutation({
    mutationFn: () =>
      api<TSession>('/v1/setup', { method: 'POST', body: { ...form, name: form.name || undefined, locale } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };
  return (
    <main className="auth">
      <form className="card" onSubmit={submit}>
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <label>
          {t('login.workspace')}
          <input {...field('workspace')} required />
        </label>
        <label>
          {t('setup.name')}
          <input {...field('name')} autoComplete="name" />
        </label>
        <label>
          {t('login.email')}
          <input {...field('email')} type="email" autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input {...field('password')} type="password" autoComplete="new-password" required />
        </label>
        {setup.isError ? (
          <p className="error" role="alert">
            {setup.error.message}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={setup.isPending}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
