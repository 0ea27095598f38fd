import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TPortfolio } from '../types.ts';
import { HealthTable } from './health-table.tsx';
import { QueryState } from './query-state.tsx';

const SHOWN = 5;

/** The accounts whose score rose and fell most over 7 days, side by side (sorted by the server). */
export function HealthMovers() {
  const t = useT();
  const format = useFormat();
  const movers = (sort: 'delta_7d' | '-delta_7d') =>
    api<TPortfolio>('/v1/health', { query: { sort, limit: SHOWN } });
  const portfolio = useQuery({
    queryKey: ['health', 'movers'],
    queryFn: async () => {
      const [rising, falling] = await Promise.all([movers('-delta_7d'), movers('delta_7d')]);
      return {
        date: rising.date,
        total: rising.total,
        up: rising.accounts.filter((r) => (r.delta_7d ?? 0) > 0),
        down: falling.accounts.filter((r) => (r.delta_7d ?? 0) < 0),
      };
    },
  });
  return (
    <section className="card" aria-labelledby="health-movers">
      <h2 id="health-movers">{t('health.movers')}</h2>
      <QueryState query={portfolio}>
        {({ up, down, ...data }) => {
          if (up.length === 0 && down.length === 0) return <p>{t('health.moversNone')}</p>;
          return (
            <>
              <p className="muted">
                {t('health.moversNote', { total: format.number(data.total), date: format.date(data.date) })}
              </p>
              <div className="health-movers">
                <div>
                  <h3>{t('health.moversUp')}</h3>
                  <HealthTable rows={up} label={t('health.moversUp')} />
                </div>
                <div>
                  <h3>{t('health.moversDown')}</h3>
                  <HealthTable rows={down} label={t('health.moversDown')} />
                </div>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
