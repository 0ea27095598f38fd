import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { monthOf } from '../months.ts';
import { useMrr } from '../queries.ts';
import type { TCohortMonth, TCohorts } from '../types.ts';
import { QueryState } from './query-state.tsx';

type TMeasure = 'logo' | 'revenue';
type TRange = '12' | '24' | 'all';

/**
 * Cell colour from pale (the lowest value shown) to the mid blue (100% and above: revenue retention can
 * exceed 100% with expansion). Scaled to the values shown, since retention mostly sits between 60% and 100%
 * and a 0–100% scale would paint every cell alike. The value is printed in every cell, so colour is never
 * the only carrier of the number.
 */
function cellStyle(value: number | null, low: number): { background: string } | undefined {
  if (value === null) return undefined;
  const share = low >= 1 ? 1 : Math.max(0, Math.min(1, (value - low) / (1 - low)));
  // Interpolated in RGB between #dbeafe and #4f8ff0: the darkest end still gives the page's dark text a
  // contrast above 5:1, so one text colour serves every cell.
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  return { background: `rgb(${mix(0xdb, 0x4f)}, ${mix(0xea, 0x8f)}, ${mix(0xfe, 0xf0)})` };
}

function retentionOf(month: TCohortMonth, measure: TMeasure): number | null {
  return measure === 'logo' ? month.logo_retention : month.revenue_retention;
}

// The selects are named by aria-label too: a wrapping label alone would add the chosen option to the name.
/** Logo (or revenue) retention of the monthly cohorts, as a heatmap that is a plain, readable table. */
export function RevenueCohorts() {
  const t = useT();
  const format = useFormat();
  const [measure, setMeasure] = useState<TMeasure>('logo');
  const [range, setRange] = useState<TRange>('12');
  const date = useMrr().data?.date;
  const cohorts = useQuery({
    queryKey: ['cohorts', date, range],
    enabled: date !== undefined,
    queryFn: () =>
      api<TCohorts>('/v1/metrics/cohorts', {
        query: {
          from: range === 'all' ? undefined : monthOf(date!, -(Number(range) - 1)),
          to: monthOf(date!),
        },
      }),
  });
  const title = t('cohorts.title');
  return (
    <section className="card" aria-labelledby="cohorts-title">
      <div className="card-head">
        <h2 id="cohorts-title">{title}</h2>
        <div className="toolbar cohort-controls">
          <label>
            {t('cohorts.measure')}
            <select
              aria-label={t('cohorts.measure')}
              value={measure}
              onChange={(e) => setMeasure(e.target.value as TMeasure)}
            >
              <option value="logo">{t('cohorts.logo')}</option>
              <option value="revenue">{t('cohorts.revenue')}</option>
            </select>
          </label>
          <label>
            {t('cohorts.range')}
            <select
              aria-label={t('cohorts.range')}
              value={range}
              onChange={(e) => setRange(e.target.value as TRange)}
            >
              <option value="12">{t('cohorts.last12')}</option>
              <option value="24">{t('cohorts.last24')}</option>
              <option value="all">{t('cohorts.all')}</option>
            </select>
          </label>
        </div>
      </div>
      <p className="muted">{t('cohorts.hint')}</p>
      <QueryState query={cohorts}>
        {(data) => {
          if (data.cohorts.length === 0) return <p>{t('common.none')}</p>;
          const width = Math.max(...data.cohorts.map((c) => c.months.length));
          const columns = Array.from({ length: width }, (_, n) => n);
          const shown = data.cohorts.flatMap((c) => c.months.map((m) => retentionOf(m, measure)));
          const low = Math.min(1, ...shown.filter((v): v is number => v !== null));
          return (
            <div className="cohort-wrap">
              <table className="cohort-table" aria-label={title}>
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {t('cohorts.cohort')}
                    </th>
                    <th scope="col" rowSpan={2} className="num">
                      {t('cohorts.customers')}
                    </th>
                    <th scope="col" rowSpan={2} className="num">
                      {t('cohorts.startingMrr')}
                    </th>
                    <th scope="colgroup" colSpan={width} className="cohort-span">
                      {t('cohorts.monthsSince')}
                    </th>
                  </tr>
                  <tr>
                    {columns.map((n) => (
                      <th scope="col" key={n} className="num" title={t('cohorts.monthN', { n })}>
                        {n}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.cohorts.map((cohort) => (
                    <tr key={cohort.cohort}>
                      <th scope="row" className="nowrap">
                        {format.month(cohort.cohort)}
                      </th>
                      <td className="num">{format.number(cohort.customers)}</td>
                      <td className="num">{format.money(cohort.starting_mrr, data.currency)}</td>
                      {columns.map((n) => {
                        const month = cohort.months[n];
                        if (!month) return <td key={n} className="cohort-empty" />;
                        const value = retentionOf(month, measure);
                        return (
                          <td
                            key={n}
                            className="num cohort-cell"
                            style={cellStyle(value, low)}
                            data-testid="cohort-cell"
                            title={t('cohorts.cell', {
                              cohort: format.month(cohort.cohort),
                              n,
                              value: format.percent(value),
                            })}
                          >
                            {format.percent(value)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="cohort-legend" aria-hidden="true">
                <span>{format.percent(low)}</span>
                <span className="cohort-gradient" title={t('cohorts.scale')} />
                <span>{format.percent(1)}</span>
              </div>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
