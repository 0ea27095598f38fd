import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TAnnualCandidates } from '../types.ts';
import { Kpi } from './kpi.tsx';
import { QueryState } from './query-state.tsx';

/** Young, healthy monthly accounts to offer an annual plan, at a discount the user chooses. */
export function RetentionAnnualCandidates() {
  const t = useT();
  const format = useFormat();
  const [discount, setDiscount] = useState(15);
  const valid = Number.isFinite(discount) && discount >= 0 && discount < 100;
  const candidates = useQuery({
    queryKey: ['annual-candidates', discount],
    enabled: valid,
    queryFn: () => api<TAnnualCandidates>('/v1/pricing/annual-candidates', { query: { discount } }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="annual-candidates">
      <div className="card-head">
        <h2 id="annual-candidates">{t('pricing.annual')}</h2>
        <label className="inline">
          {t('pricing.discount')}
          <input
            type="number"
            min={0}
            max={99}
            step={1}
            value={discount}
            className="narrow"
            onChange={(e) => setDiscount(Number(e.target.value))}
          />
        </label>
      </div>
      <p className="muted">{t('pricing.annualHelp')}</p>
      <QueryState query={candidates}>
        {(a) => (
          <>
            <div className="kpis billing-kpis">
              <Kpi
                label={t('pricing.accounts')}
                value={format.number(a.totals.accounts)}
                testId="annual-accounts"
              />
              <Kpi label={t('kpi.mrr')} value={format.money(a.totals.mrr, a.currency)} />
              <Kpi label={t('pricing.annualPrice')} value={format.money(a.totals.annual_price, a.currency)} />
              <Kpi
                label={t('pricing.churnRates')}
                value={`${format.percent(a.churn_rates.monthly)} / ${format.percent(a.churn_rates.annual)}`}
                hint={t('pricing.churnRatesHint')}
              />
            </div>
            {a.candidates.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <div className="scroll">
                <table aria-label={t('pricing.annual')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('col.account')}</th>
                      <th scope="col" className="num">
                        {t('kpi.mrr')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.tenure')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.annualPrice')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.clvMonthly')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.clvAnnual')}
                      </th>
                      <th scope="col" className="num">
                        {t('pricing.clvChange')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.candidates.map((c) => (
                      <tr key={c.account_id}>
                        <th scope="row">
                          <Link href={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.name}</Link>
                        </th>
                        <td className="num">{format.money(c.mrr, a.currency)}</td>
                        <td className="num">{format.number(c.tenure_months)}</td>
                        <td className="num">{format.money(c.annual_price, a.currency)}</td>
                        <td className="num">{format.money(c.clv_monthly, a.currency)}</td>
                        <td className="num">{format.money(c.clv_annual, a.currency)}</td>
                        <td className="num">{format.money(c.clv_change, a.currency)}</td>
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
