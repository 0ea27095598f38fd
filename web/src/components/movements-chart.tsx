import { useMemo } from 'react';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TRevenuePeriod } from '../types.ts';
import { Chart } from './chart.tsx';

/** Colours checked for contrast on white; gains above the axis, losses below it. */
const COLORS = {
  new: '#1f7a3d',
  expansion: '#4caf6a',
  reactivation: '#8fd19e',
  contraction: '#e69138',
  churn: '#b3261e',
} as const;

/**
 * Stacked bars per month: new, expansion and reactivation up; contraction and churn down. Clicking a bar
 * calls `onSelect(period, type)`, so a month's churn opens its movements.
 */
export function MovementsChart({
  periods,
  currency,
  onSelect,
}: {
  periods: TRevenuePeriod[];
  currency: string;
  onSelect?: (period: string, type: keyof typeof COLORS) => void;
}) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(() => {
    const types = ['new', 'expansion', 'reactivation', 'contraction', 'churn'] as const;
    const sign = (type: (typeof types)[number]) => (type === 'contraction' || type === 'churn' ? -1 : 1);
    return {
      animation: false,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: number) => format.money(Math.abs(value), currency),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => format.month(p.period)) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => format.moneyCompact(value, currency) },
      },
      series: types.map((type) => ({
        name: t(`move.${type}`),
        type: 'bar',
        stack: sign(type) > 0 ? 'gains' : 'losses',
        itemStyle: { color: COLORS[type] },
        data: periods.map((p) => sign(type) * p[type]),
        cursor: onSelect ? 'pointer' : 'default',
      })),
    };
  }, [periods, currency, format, t, onSelect]);
  const byLabel = (category: string, series: string) => {
    const period = periods.find((p) => format.month(p.period) === category);
    const type = (Object.keys(COLORS) as (keyof typeof COLORS)[]).find((k) => t(`move.${k}`) === series);
    if (period && type) onSelect?.(period.period, type);
  };
  return (
    <Chart
      option={option}
      label={t('overview.movements')}
      height={320}
      onClick={onSelect ? byLabel : undefined}
    />
  );
}
