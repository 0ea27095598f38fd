import type { Command } from 'commander';
import { computeRevenueMetrics } from '../../modules/revenue/compute-revenue-metrics.ts';
import { NULL_MARK } from '../output/format-values.ts';
import { registerPeriodCommand } from './register-period-command.ts';

type TResult = Awaited<ReturnType<typeof computeRevenueMetrics>>;
type TPeriod = TResult['periods'][number];

export function registerMetricsRevenueCommand(metrics: Command): void {
  registerPeriodCommand<TPeriod>(metrics, {
    name: 'revenue',
    description: 'one row per period: MRR, its movements, churn and retention rates',
    compute: computeRevenueMetrics,
    columns: (f) => [
      { header: 'Period', value: (p) => p.period, align: 'left' },
      { header: 'MRR start', value: (p) => f.money(p.mrr_start) },
      { header: 'New', value: (p) => f.signedMoney(p.new, 'up') },
      { header: 'Expansion', value: (p) => f.signedMoney(p.expansion, 'up') },
      { header: 'Reactivation', value: (p) => f.signedMoney(p.reactivation, 'up') },
      { header: 'Contraction', value: (p) => f.signedMoney(p.contraction, 'down') },
      { header: 'Churn', value: (p) => f.signedMoney(p.churn, 'down') },
      { header: 'MRR end', value: (p) => f.money(p.mrr_end) },
      { header: 'Customers', value: (p) => f.count(p.customers_end) },
      { header: 'Logo churn', value: (p) => f.rate(p.customer_churn_rate) },
      { header: 'GRR', value: (p) => f.rate(p.grr) },
      { header: 'NRR', value: (p) => f.rate(p.nrr) },
      {
        header: 'Quick ratio',
        value: (p) => (p.quick_ratio === null ? NULL_MARK : p.quick_ratio.toFixed(2)),
      },
      { header: 'ARPA', value: (p) => f.money(p.arpa) },
    ],
    footer: (result, f) => {
      const t12 = (result as TResult).trailing_12_months;
      return `Trailing 12 months (${t12.start} to ${t12.end}): GRR ${f.rate(t12.grr)}, NRR ${f.rate(t12.nrr)}`;
    },
  });
}
