import { useMemo } from 'react';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TAccountHealth, TDailyUsage } from '../types.ts';
import { Chart } from './chart.tsx';

/** The account's stored daily scores on a fixed 0–100 axis, so a flat line reads as flat. */
export function HealthHistoryChart({ trend }: { trend: TAccountHealth['trend'] }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.number(value) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: trend.map((p) => format.date(p.date)) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          name: t('col.score'),
          type: 'line',
          data: trend.map((p) => p.score),
          showSymbol: trend.length < 40,
          itemStyle: { color: '#1d4ed8' },
        },
      ],
    }),
    [trend, format, t],
  );
  return <Chart option={option} label={t('account360.healthHistory')} height={240} />;
}

/** Daily usage events as bars and distinct active users as a line on a second axis. */
export function UsageChart({ usage }: { usage: TDailyUsage }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.number(value) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: usage.days.map((d) => format.date(d.date)) },
      yAxis: [{ type: 'value' }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
      series: [
        {
          name: t('account360.events'),
          type: 'bar',
          data: usage.days.map((d) => d.events),
          itemStyle: { color: '#93c5fd' },
        },
        {
          name: t('account360.activeUsers'),
          type: 'line',
          yAxisIndex: 1,
          data: usage.days.map((d) => d.active_users),
          showSymbol: false,
          itemStyle: { color: '#1f7a3d' },
        },
      ],
    }),
    [usage, format, t],
  );
  return <Chart option={option} label={t('account360.usage')} height={260} />;
}
