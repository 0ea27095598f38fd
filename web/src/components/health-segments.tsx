import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TAccountPage, TBand, TSegment } from '../types.ts';
import { Chart, type TChartOption } from './chart.tsx';
import { QueryState } from './query-state.tsx';

const BANDS = ['red', 'yellow', 'green'] as const;
const COLORS: Record<TBand, string> = { red: '#b3261e', yellow: '#d9a21b', green: '#1f7a3d' };

type TSegmentBands = { segment: TSegment; total: number; unscored: number } & Record<TBand, number>;

/**
 * Members of every segment per health band. GET /v1/health has no segment filter, so each count is the
 * total of a one-row page of GET /v1/accounts filtered by segment and latest health band.
 */
export function HealthSegments() {
  const t = useT();
  const distribution = useQuery({
    queryKey: ['health', 'segments'],
    queryFn: findSegmentBands,
  });
  return (
    <section className="card" aria-labelledby="health-segments">
      <h2 id="health-segments">{t('health.bySegment')}</h2>
      <QueryState query={distribution}>
        {(rows) => (rows.length === 0 ? <p>{t('health.bySegmentNone')}</p> : <SegmentBands rows={rows} />)}
      </QueryState>
    </section>
  );
}

async function findSegmentBands(): Promise<TSegmentBands[]> {
  const { segments } = await api<{ segments: TSegment[] }>('/v1/segments');
  const count = async (segmentId: string, band?: TBand) => {
    const query = { segment_id: segmentId, limit: 1, filter: band ? `health_band = "${band}"` : undefined };
    return (await api<TAccountPage>('/v1/accounts', { query })).total;
  };
  return Promise.all(
    segments.map(async (segment) => {
      const [total, red, yellow, green] = await Promise.all([
        count(segment.id),
        ...BANDS.map((band) => count(segment.id, band)),
      ]);
      return {
        segment,
        total: total!,
        red: red!,
        yellow: yellow!,
        green: green!,
        unscored: total! - red! - yellow! - green!,
      };
    }),
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
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.segment.name) },
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
            <tr key={row.segment.id}>
              <th scope="row">{row.segment.name}</th>
              {BANDS.map((band) => (
                <td key={band} className="num">
                  {format.number(row[band])}
                </td>
              ))}
              <td className="num">{format.number(row.unscored)}</td>
              <td className="num">{format.number(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
