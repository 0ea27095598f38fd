import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useLocale, useT } from '../i18n.ts';
import type { TChurnReasonsReport } from '../types.ts';
import { Chart } from './chart.tsx';
import type { TPeriod } from './dunning-period.tsx';
import { Kpi } from './kpi.tsx';
import { QueryState } from './query-state.tsx';

/** Lost MRR and churned accounts by the reason given at cancellation, in the user's language. */
export function RetentionChurnReasons({ period }: { period: TPeriod }) {
  const t = useT();
  const locale = useLocale();
  const format = useFormat();
  const report = useQuery({
    queryKey: ['churn-reasons-report', period.from, period.toExclusive],
    queryFn: () =>
      api<TChurnReasonsReport>('/v1/churn-reasons/report', {
        query: { from: period.from, to: period.toExclusive },
      }),
  });
  return (
    <section className="card" aria-labelledby="churn-reasons">
      <h2 id="churn-reasons">{t('retention.reasons')}</h2>
      <QueryState query={report}>
        {(r) => {
          const rows = r.reasons.map((reason) => ({
            ...reason,
            label: locale === 'es' ? reason.label_es : reason.label_en,
          }));
          return (
            <>
              <div className="kpis billing-kpis">
                <Kpi
                  label={t('retention.lostMrr')}
                  value={format.money(r.lost_mrr, r.currency)}
                  testId="churn-lost-mrr"
                />
                <Kpi
                  label={t('retention.churnedAccounts')}
                  value={format.number(r.accounts)}
                  testId="churn-accounts"
                />
              </div>
              {rows.length === 0 ? (
                <p className="muted">{t('retention.noChurn')}</p>
              ) : (
                <>
                  <ReasonsChart rows={rows} currency={r.currency} />
                  <table aria-label={t('retention.reasons')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('retention.reason')}</th>
                        <th scope="col" className="num">
                          {t('retention.churnedAccounts')}
                        </th>
                        <th scope="col" className="num">
                          {t('retention.lostMrr')}
                        </th>
                        <th scope="col" className="num">
                          {t('retention.share')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.code}>
                          <th scope="row">{row.label}</th>
                          <td className="num">{format.number(row.accounts)}</td>
                          <td className="num">{format.money(row.lost_mrr, r.currency)}</td>
                          <td className="num">{format.percent(row.share)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ReasonsChart({ rows, currency }: { rows: { label: string; lost_mrr: number }[]; currency: string }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(() => {
    // ECharts draws a category axis bottom-up: reversed, the largest reason is on top as in the table.
    const ordered = [...rows].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.money(value, currency) },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => format.moneyCompact(value, currency) },
      },
      yAxis: { type: 'category', data: ordered.map((r) => r.label) },
      series: [
        {
          name: t('retention.lostMrr'),
          type: 'bar',
          data: ordered.map((r) => r.lost_mrr),
          itemStyle: { color: '#b3261e' },
        },
      ],
    };
  }, [rows, currency, format, t]);
  return (
    <Chart
      option={option}
      label={t('retention.reasonsChart')}
      height={Math.max(180, 30 + rows.length * 34)}
    />
  );
}
