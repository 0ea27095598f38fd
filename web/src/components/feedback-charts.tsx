import { useMemo } from 'react';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TCsPeriod, TFeedbackTheme } from '../types.ts';
import { Chart } from './chart.tsx';

/** NPS (−100…100) on the left axis, CSAT (share satisfied) on the right, one point per month. */
export function NpsCsatChart({ periods }: { periods: TCsPeriod[] }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => format.month(p.period)) },
      yAxis: [
        { type: 'value', name: t('kpi.nps'), min: -100, max: 100 },
        {
          type: 'value',
          name: t('feedback.csat'),
          min: 0,
          max: 1,
          axisLabel: { formatter: (value: number) => format.percent(value) },
        },
      ],
      series: [
        {
          name: t('kpi.nps'),
          type: 'line',
          data: periods.map((p) => p.nps),
          connectNulls: true,
          itemStyle: { color: '#1d4ed8' },
          tooltip: { valueFormatter: (value: number | null) => format.number(value) },
        },
        {
          name: t('feedback.csat'),
          type: 'line',
          yAxisIndex: 1,
          data: periods.map((p) => p.csat),
          connectNulls: true,
          itemStyle: { color: '#1f7a3d' },
          tooltip: { valueFormatter: (value: number | null) => format.percent(value) },
        },
      ],
    }),
    [periods, format, t],
  );
  return <Chart option={option} label={t('feedback.trend')} height={280} />;
}

/**
 * Per theme, how many passives and detractors raised it, side by side: the themes where both bars stand are
 * the overlap, what unhappy and lukewarm customers share.
 */
export function OverlapChart({ themes }: { themes: TFeedbackTheme[] }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(() => {
    const rows = [...themes].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.number(value) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.theme) },
      series: [
        {
          name: t('feedback.detractors'),
          type: 'bar',
          data: rows.map((r) => r.detractors),
          itemStyle: { color: '#b3261e' },
        },
        {
          name: t('feedback.passives'),
          type: 'bar',
          data: rows.map((r) => r.passives),
          itemStyle: { color: '#e69138' },
        },
      ],
    };
  }, [themes, format, t]);
  return (
    <Chart option={option} label={t('feedback.overlap')} height={Math.max(200, 40 + themes.length * 34)} />
  );
}
