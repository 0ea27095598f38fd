import { type Command, Option } from 'commander';
import { INTERVALS, type TInterval } from '../../http/formats.ts';
import { computeRevenueMetrics } from '../../modules/revenue/compute-revenue-metrics.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseMonth } from '../parse-args.ts';

type TPeriod = Awaited<ReturnType<typeof computeRevenueMetrics>>['periods'][number];

export function registerMetricsRevenueCommand(metrics: Command): void {
  metrics
    .command('revenue')
    .description('one row per period: MRR, its movements, churn and retention rates')
    .requiredOption('--from <YYYY-MM>', 'first month', parseMonth)
    .requiredOption('--to <YYYY-MM>', 'last month', parseMonth)
    .addOption(new Option('--interval <interval>', 'period length').choices(INTERVALS).default('month'))
    .action(async (options: { from: string; to: string; interval: TInterval }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        computeRevenueMetrics({ db: store.db, workspaceId: context.workspaceId, ...options }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      printOutput<TPeriod>({
        format: context.format,
        json: result,
        rows: result.periods.map((period) => ({ currency: result.currency, ...period })),
        table: {
          rows: result.periods,
          empty: 'no periods',
          columns: [
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
            { header: 'NRR', value: (p) => f.rate(p.nrr) },
            {
              header: 'Quick ratio',
              value: (p) => (p.quick_ratio === null ? '—' : p.quick_ratio.toFixed(2)),
            },
            { header: 'ARPA', value: (p) => f.money(p.arpa) },
          ],
        },
      });
    });
}
