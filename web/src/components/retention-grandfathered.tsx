import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TGrandfathered } from '../types.ts';
import { Kpi } from './kpi.tsx';
import { QueryState } from './query-state.tsx';

/** Subscriptions on an older, cheaper version of their plan, and the uplift at the newest price. */
export function RetentionGrandfathered() {
  const t = useT();
  const format = useFormat();
  const grandfathered = useQuery({
    queryKey: ['grandfathered'],
    queryFn: () => api<TGrandfathered>('/v1/pricing/grandfathered'),
  });
  return (
    <section className="card" aria-labelledby="grandfathered">
      <h2 id="grandfathered">{t('pricing.grandfathered')}</h2>
      <QueryState query={grandfathered}>
        {(g) => (
          <>
            <div className="kpis billing-kpis">
              <Kpi label={t('pricing.accounts')} value={format.number(g.totals.accounts)} />
              <Kpi label={t('kpi.mrr')} value={format.money(g.totals.mrr, g.currency)} />
              <Kpi
                label={t('pricing.mrrAtNewest')}
                value={format.money(g.totals.mrr_at_newest, g.currency)}
              />
              <Kpi
                label={t('pricing.uplift')}
                value={format.money(g.totals.uplift, g.currency)}
                testId="uplift"
              />
            </div>
            {g.customers.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <div className="scroll">
                <table aria-label={t('pricing.grandfathered')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('col.account')}</th>
                      <th scope="col">{t('pricing.subscription')}</th>
                      <th scope="col">{t('pricing.version')}</th>
                      <th scope="col" className="num">
                        {t('pricing.quantity')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.mrr')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.mrrAtNewest')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.uplift')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.customers.map((c) => (
                      <tr key={c.subscription_id}>
                        <th scope="row">
                          <Link href={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.name}</Link>
                        </th>
                        <td>{c.subscription_id}</td>
                        <td>
                          {c.version} → {c.newest_version}
                        </td>
                        <td className="num">{format.number(c.quantity)}</td>
                        <td className="num">{format.money(c.mrr, g.currency)}</td>
                        <td className="num">{format.money(c.mrr_at_newest, g.currency)}</td>
                        <td className="num">{format.money(c.uplift, g.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
