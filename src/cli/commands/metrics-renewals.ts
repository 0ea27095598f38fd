import { type Command, Option } from 'commander';
import { INTERVALS, type TInterval } from '../../http/formats.ts';
import { computeRenewals } from '../../modules/revenue/compute-renewals.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseMonth } from '../parse-args.ts';

type TPeriod = Awaited<ReturnType<typeof computeRenewals>>['periods'][number];

export function registerMetricsRenewalsCommand(metrics: Command): void {
  metrics
    .command('renewals')
    .description('contract renewals per period: who had the option, who renewed')
    .requiredOption('--from <YYYY-MM>', 'first month', parseMonth)
    .requiredOption('--to <YYYY-MM>', 'last month', parseMonth)
    .addOption(new Option('--interval <interval>', 'period length').choices(INTERVALS).default('month'))
    .action(async (options: { from: string; to: string; interval: TInterval }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        computeRenewals({ db: store.db, workspaceId: context.workspaceId, ...options }),
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
            { header: 'Up for renewal', value: (p) => f.count(p.up_for_renewal) },
            { header: 'Renewed', value: (p) => f.count(p.renewed) },
            { header: 'Renewal rate', value: (p) => f.rate(p.renewal_rate) },
            { header: 'MRR up', value: (p) => f.money(p.mrr_up_for_renewal) },
            { header: 'MRR renewed', value: (p) => f.money(p.mrr_renewed) },
            { header: 'Dollar rate', value: (p) => f.rate(p.dollar_renewal_rate) },
          ],
        },
      });
    });
}
