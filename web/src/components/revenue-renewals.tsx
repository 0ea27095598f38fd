import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { monthOf } from '../months.ts';
import { useMrr } from '../queries.ts';
import type { TRenewalPeriod, TRenewals } from '../types.ts';
import { Chart } from './chart.tsx';
import { QueryState } from './query-state.tsx';

/** Contracts due for renewal per month over the last 12 months, renewed by count and by MRR. */
export function RevenueRenewals() {
  const t = useT();
  const format = useFormat();
  const date = useMrr().data?.date;
  const renewals = useQuery({
    queryKey: ['renewals', date],
    enabled: date !== undefined,
    queryFn: () =>
      api<TRenewals>('/v1/metrics/renewals', { query: { from: monthOf(date!, -11), to: monthOf(date!) } }),
  });
  const title = t('renewals.title');
  return (
    <section className="card" aria-labelledby="renewals-title">
      <h2 id="renewals-title">{title}</h2>
      <p className="muted">{t('renewals.hint')}</p>
      <QueryState query={renewals}>
        {(data) => (
          <>
            <RenewalsChart periods={data.periods} />
            <table aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">{t('renewals.month')}</th>
                  <th scope="col" className="num">
                    {t('renewals.due')}
                  </th>
                  <th scope="col" className="num">
                    {t('renewals.renewed')}
                  </th>
                  <th scope="col" className="num">
                    {t('renewals.rate')}
                  </th>
                  <th scope="col" className="num">
                    {t('renewals.mrrDue')}
                  </th>
                  <th scope="col" className="num">
                    {t('renewals.mrrRenewed')}
                  </th>
                  <th scope="col" className="num">
                    {t('renewals.dollarRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {/* Newest first, as the movements table above. */}
                {[...data.periods].reverse().map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{format.month(p.period)}</th>
                    <td className="num">{format.number(p.up_for_renewal)}</td>
                    <td className="num">{format.number(p.renewed)}</td>
                    <td className="num">{format.percent(p.renewal_rate)}</td>
                    <td className="num">{format.money(p.mrr_up_for_renewal, data.currency)}</td>
                    <td className="num">{format.money(p.mrr_renewed, data.currency)}</td>
                    <td className="num">{format.percent(p.dollar_renewal_rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </section>
  );
}

function RenewalsChart({ periods }: { periods: TRenewalPeriod[] }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(
    () => ({
      animation: false,
      legend: { bottom: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value: number | null) => format.percent(value) },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => format.month(p.period)) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (value: number) => format.percent(value) } },
      series: [
        {
          name: t('renewals.rate'),
          type: 'line',
          connectNulls: false,
          itemStyle: { color: '#1d4ed8' },
          data: periods.map((p) => p.renewal_rate),
        },
        {
          name: t('renewals.dollarRate'),
          type: 'line',
          connectNulls: false,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#1f7a3d' },
          data: periods.map((p) => p.dollar_renewal_rate),
        },
      ],
    }),
    [periods, format, t],
  );
  return <Chart option={option} label={t('renewals.chart')} height={200} />;
}
