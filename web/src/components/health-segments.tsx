import { useMemo } from 'react';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useHealthBySegment } from '../queries.ts';
import type { TBand, THealthBySegment } from '../types.ts';
import { Chart, type TChartOption } from './chart.tsx';
import { QueryState } from './query-state.tsx';

const BANDS = ['red', 'yellow', 'green'] as const;
const COLORS: Record<TBand, string> = { red: '#b3261e', yellow: '#d9a21b', green: '#1f7a3d' };

type TSegmentBands = THealthBySegment['segments'][number];

/** Members of every segment per health band (each member's latest score), from one request. */
export function HealthSegments() {
  const t = useT();
  const distribution = useHealthBySegment();
  return (
    <section className="card" aria-labelledby="health-segments">
      <h2 id="health-segments">{t('health.bySegment')}</h2>
      <QueryState query={distribution}>
        {({ segments }) =>
          segments.length === 0 ? <p>{t('health.bySegmentNone')}</p> : <SegmentBands rows={segments} />
        }
      </QueryState>
    </section>
  );
}

function SegmentBands({ rows }: { rows: TSegmentBands[] }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo<TChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: BANDS.map((band) => ({
        name: t(`band.${band}`),
        type: 'bar',
        stack: 'bands',
        itemStyle: { color: COLORS[band] },
        data: rows.map((r) => r[band]),
      })),
    }),
    [rows, t],
  );
  return (
    <>
      <Chart
        option={option}
        label={t('health.bySegmentChart')}
        height={Math.max(160, 48 + rows.length * 36)}
      />
      <table aria-label={t('health.bySegment')}>
        <thead>
          <tr>
            <th scope="col">{t('health.segment')}</th>
            {BANDS.map((band) => (
              <th key={band} scope="col" className="num">
                {t(`band.${band}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('health.unscored')}
            </th>
            <th scope="col" className="num">
              {t('health.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.segment_id}>
              <th scope="row">{row.name}</th>
              {BANDS.map((band) => (
                <td key={band} className="num">
                  {format.number(row[band])}
                </td>
              ))}
              <td className="num">{format.number(row.unscored)}</td>
              <td className="num">{format.number(row.members)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
