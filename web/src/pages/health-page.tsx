import { HealthBacktest } from '../components/health-backtest.tsx';
import { HealthMovers } from '../components/health-movers.tsx';
import { HealthSegments } from '../components/health-segments.tsx';
import { HealthTable } from '../components/health-table.tsx';
import { Pager } from '../components/pager.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { usePortfolio } from '../queries.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import type { TBand } from '../types.ts';
import { ScorecardsPage } from './scorecards-page.tsx';

const PAGE = 50;

/** The Health page: the portfolio tab, or the scorecards tab (`?view=scorecards`, issue 5). */
export function HealthPage() {
  const t = useT();
  const { search } = useLocation();
  const isScorecards = search.get('view') === 'scorecards';
  return (
    <>
      <h1>{t('health.title')}</h1>
      <nav className="tabs" aria-label={t('scorecards.views')}>
        <Link href="/health" aria-current={isScorecards ? undefined : 'page'}>
          {t('scorecards.portfolioTab')}
        </Link>
        <Link href="/health?view=scorecards" aria-current={isScorecards ? 'page' : undefined}>
          {t('scorecards.tab')}
        </Link>
      </nav>
      {isScorecards ? <ScorecardsPage /> : <Portfolio />}
    </>
  );
}

/** The portfolio by band, lowest scores first. */
function Portfolio() {
  const t = useT();
  const format = useFormat();
  const { search } = useLocation();
  const band = (search.get('band') ?? undefined) as TBand | undefined;
  const offset = Number(search.get('offset') ?? 0);
  const portfolio = usePortfolio({ band, limit: PAGE, offset });
  const go = (next: { band?: string; offset?: number }) => {
    const params = new URLSearchParams();
    const nextBand = 'band' in next ? next.band : band;
    if (nextBand) params.set('band', nextBand);
    if (next.offset) params.set('offset', String(next.offset));
    navigate(`/health?${params.toString()}`, { replace: true });
  };
  return (
    <>
      <HealthMovers />
      <HealthSegments />
      <div className="toolbar">
        <label>
          {t('health.band')}
          <select
            value={band ?? ''}
            onChange={(event) => go({ band: event.target.value || undefined, offset: 0 })}
          >
            <option value="">{t('health.all')}</option>
            {(['red', 'yellow', 'green'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`band.${b}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={portfolio}>
        {(data) => (
          <section className="card">
            <p className="muted">
              {t('health.onDate', { total: format.number(data.total), date: format.date(data.date) })}
            </p>
            <HealthTable rows={data.accounts} label={t('health.title')} />
            <Pager
              offset={offset}
              pageSize={PAGE}
              total={data.total}
              onChange={(next) => go({ offset: next })}
            />
          </section>
        )}
      </QueryState>
      <HealthBacktest />
    </>
  );
}
