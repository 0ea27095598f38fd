import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api.ts';
import { type TFormat, useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TRecoveryFigures, TRecoveryMetrics } from '../types.ts';
import { tierLabel } from './dunning-labels.ts';
import type { TPeriod } from './dunning-period.tsx';
import { Kpi } from './kpi.tsx';
import { QueryState } from './query-state.tsx';

/** Recovery of the cases opened in the period (GET /v1/dunning/metrics): KPIs, then three breakdowns. */
export function DunningMetrics({ period }: { period: TPeriod }) {
  const t = useT();
  const format = useFormat();
  const metrics = useQuery({
    queryKey: ['dunning-metrics', period.from, period.toExclusive],
    queryFn: () =>
      api<TRecoveryMetrics>('/v1/dunning/metrics', { query: { from: period.from, to: period.toExclusive } }),
  });
  return (
    <QueryState query={metrics}>
      {(m) => (
        <>
          <div className="kpis billing-kpis">
            <Kpi
              label={t('dunning.recoveryRate')}
              value={format.percent(m.recovery_rate)}
              testId="dunning-rate"
            />
            <Kpi
              label={t('dunning.recoveredMrr')}
              value={format.money(m.recovered_mrr, m.currency)}
              hint={t('dunning.recoveredAmount', { amount: format.money(m.recovered_amount, m.currency) })}
              testId="dunning-recovered-mrr"
            />
            <Kpi
              label={t('dunning.lostMrr')}
              value={format.money(m.lost_mrr, m.currency)}
              testId="dunning-lost-mrr"
            />
            <Kpi
              label={t('dunning.cases')}
              value={format.number(m.cases)}
              hint={t('dunning.caseSplit', {
                open: format.number(m.open),
                recovered: format.number(m.recovered),
                failed: format.number(m.failed),
              })}
              testId="dunning-cases"
            />
          </div>
          <div className="billing-grid">
            <Breakdown
              title={t('dunning.byDeclineCode')}
              head={t('dunning.declineCode')}
              rows={m.by_decline_code.map((r) => ({
                key: r.decline_code ?? t('dunning.noCode'),
                figures: r,
              }))}
              currency={m.currency}
              format={format}
            />
            <Breakdown
              title={t('dunning.byAttempt')}
              head={t('dunning.attempt')}
              rows={m.by_recovered_attempt.map((r) => ({
                key: r.attempt === null ? t('dunning.paidOtherWay') : format.number(r.attempt),
                figures: r,
              }))}
              currency={m.currency}
              format={format}
              onlyRecovered
            />
            <Breakdown
              title={t('dunning.byTier')}
              head={t('col.tier')}
              rows={m.by_tier.map((r) => ({ key: tierLabel(t, r.tier), figures: r }))}
              currency={m.currency}
              format={format}
            />
          </div>
        </>
      )}
    </QueryState>
  );
}

/** One breakdown table; the "by attempt" one counts recovered cases only, so it has no rate or lost MRR. */
function Breakdown({
  title,
  head,
  rows,
  currency,
  format,
  onlyRecovered = false,
}: {
  title: string;
  head: string;
  rows: { key: ReactNode; figures: TRecoveryFigures }[];
  currency: string;
  format: TFormat;
  onlyRecovered?: boolean;
}) {
  const t = useT();
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <table aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="num">
                {t('dunning.cases')}
              </th>
              {onlyRecovered ? null : (
                <th scope="col" className="num">
                  {t('dunning.recoveryRate')}
                </th>
              )}
              <th scope="col" className="num">
                {t('dunning.recoveredMrr')}
              </th>
              {onlyRecovered ? null : (
                <th scope="col" className="num">
                  {t('dunning.lostMrr')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, figures }, index) => (
              <tr key={String(index)}>
                <th scope="row">{key}</th>
                <td className="num">{format.number(figures.cases)}</td>
                {onlyRecovered ? null : <td className="num">{format.percent(figures.recovery_rate)}</td>}
                <td className="num">{format.money(figures.recovered_mrr, currency)}</td>
                {onlyRecovered ? null : <td className="num">{format.money(figures.lost_mrr, currency)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
