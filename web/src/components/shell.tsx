import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, setCsrfToken } from '../api.ts';
import { type TMessageKey, useLocale, useT } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import type { TLocale } from '../types.ts';

const NAV: { href: string; label: TMessageKey }[] = [
  { href: '/', label: 'nav.overview' },
  { href: '/revenue', label: 'nav.revenue' },
  { href: '/accounts', label: 'nav.accounts' },
  { href: '/health', label: 'nav.health' },
  { href: '/segments', label: 'nav.segments' },
  { href: '/feedback', label: 'nav.feedback' },
  { href: '/tasks', label: 'nav.tasks' },
  { href: '/playbooks', label: 'nav.playbooks' },
  { href: '/dunning', label: 'nav.dunning' },
  { href: '/retention', label: 'nav.retention' },
  { href: '/settings', label: 'nav.settings' },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** Sidebar, top bar (who, language, log out) and the page. */
export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const me = useSession();
  const queryClient = useQueryClient();
  const changeLocale = useMutation({
    mutationFn: (next: TLocale) => api('/v1/auth/me', { method: 'PUT', body: { locale: next } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
  const logout = useMutation({
    mutationFn: () => api('/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      navigate('/login', { replace: true });
      void queryClient.resetQueries();
    },
  });
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">Tenure</div>
        <ul>
          {NAV.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isCurrent(item.href, path) ? 'page' : undefined}>
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <header className="topbar">
        <span className="workspace">{me.workspace}</span>
        <span className="spacer" />
        <label className="inline">
          {t('top.language')}
          <select
            value={locale}
            disabled={changeLocale.isPending || !me.user}
            onChange={(event) => changeLocale.mutate(event.target.value as TLocale)}
          >
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <span className="user">
          {me.user?.name ?? me.user?.email} · {t(`role.${me.role}`)}
        </span>
        <button type="button" onClick={() => logout.mutate()}>
          {t('top.logout')}
        </button>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
