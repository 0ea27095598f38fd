import type { Command } from 'commander';
import { computeRenewals } from '../../modules/revenue/compute-renewals.ts';
import { registerPeriodCommand } from './register-period-command.ts';

type TPeriod = Awaited<ReturnType<typeof computeRenewals>>['periods'][number];

export function registerMetricsRenewalsCommand(metrics: Command): void {
  registerPeriodCommand<TPeriod>(metrics, {
    name: 'renewals',
    description: 'contract renewals per period: who had the option, who renewed',
    compute: computeRenewals,
    columns: (f) => [
      { header: 'Period', value: (p) => p.period, align: 'left' },
      { header: 'Up for renewal', value: (p) => f.count(p.up_for_renewal) },
      { header: 'Renewed', value: (p) => f.count(p.renewed) },
      { header: 'Renewal rate', value: (p) => f.rate(p.renewal_rate) },
      { header: 'MRR up', value: (p) => f.money(p.mrr_up_for_renewal) },
      { header: 'MRR renewed', value: (p) => f.money(p.mrr_renewed) },
      { header: 'Dollar rate', value: (p) => f.rate(p.dollar_renewal_rate) },
    ],
  });
}
