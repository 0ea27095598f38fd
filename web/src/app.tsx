import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, api, setCsrfToken } from './api.ts';
import { Shell } from './components/shell.tsx';
import { LocaleContext, translator } from './i18n.ts';
import { AccountPage } from './pages/account-page.tsx';
import { AccountsPage } from './pages/accounts-page.tsx';
import { DunningPage } from './pages/dunning-page.tsx';
import { FeedbackPage } from './pages/feedback-page.tsx';
import { HealthPage } from './pages/health-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PlaybooksPage } from './pages/playbooks-page.tsx';
import { RetentionPage } from './pages/retention-page.tsx';
import { RevenuePage } from './pages/revenue-page.tsx';
import { SegmentsPage } from './pages/segments-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';
import { navigate, useLocation } from './router.tsx';
import { SessionContext } from './session.ts';
import type { TLocale, TMe } from './types.ts';

function browserLocale(): TLocale {
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function SignedInPage({ path }: { path: string }) {
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account?.[1]) return <AccountPage accountId={decodeURIComponent(account[1])} />;
  if (path === '/revenue') return <RevenuePage />;
  if (path === '/accounts') return <AccountsPage />;
  if (path === '/health') return <HealthPage />;
  if (path === '/segments') return <SegmentsPage />;
  if (path === '/feedback') return <FeedbackPage />;
  if (path === '/dunning') return <DunningPage />;
  if (path === '/retention') return <RetentionPage />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/tasks') return <TasksPage />;
  if (path === '/playbooks') return <PlaybooksPage />;
  return <OverviewPage />;
}

/** Signed in: the shell and the page of the URL. Signed out: login, or setup while the store has no users. */
export function App() {
  const { path } = useLocation();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const result = await api<TMe>('/v1/auth/me');
        setCsrfToken(result.csrf_token);
        return result;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ needs_setup: boolean }>('/v1/setup'),
    enabled: me.data === null,
  });
  const locale: TLocale = me.data?.user?.locale ?? browserLocale();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    if (me.data === null && setup.data) {
      const target = setup.data.needs_setup ? '/setup' : '/login';
      if (path !== target) navigate(target, { replace: true });
    } else if (me.data && (path === '/login' || path === '/setup')) {
      navigate('/', { replace: true });
    }
  }, [me.data, setup.data, path]);

  // Everything cached belonged to the previous caller: start over, which refetches `me` at once.
  const signedIn = () => void queryClient.resetQueries();

  let content: React.ReactNode = (
    <p className="centered" role="status">
      {translator(locale)('common.loading')}
    </p>
  );
  if (me.error) content = <p className="centered error">{String(me.error.message)}</p>;
  else if (me.data) {
    content = (
      <SessionContext.Provider value={me.data}>
        <Shell path={path}>
          <SignedInPage path={path} />
        </Shell>
      </SessionContext.Provider>
    );
  } else if (me.data === null && path === '/setup') content = <SetupPage onDone={signedIn} />;
  else if (me.data === null && path === '/login') content = <LoginPage onDone={signedIn} />;
  return <LocaleContext.Provider value={locale}>{content}</LocaleContext.Provider>;
}
