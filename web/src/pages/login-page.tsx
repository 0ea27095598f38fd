import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, setCsrfToken } from '../api.ts';
import { useT } from '../i18n.ts';
import type { TSession } from '../types.ts';

export function LoginPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [workspace, setWorkspace] = useState('default');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () =>
      api<TSession>('/v1/auth/login', { method: 'POST', body: { workspace, email, password } }),
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <main className="auth">
      <form className="card" onSubmit={submit}>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.workspace')}
          <input name="workspace" value={workspace} onChange={(e) => setWorkspace(e.target.value)} required />
        </label>
        <label>
          {t('login.email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page is to sign in
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {login.isError ? (
          <p className="error" role="alert">
            {login.error.message}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
