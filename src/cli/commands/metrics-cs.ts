import { type Command, Option } from 'commander';
import { INTERVALS, type TInterval } from '../../http/formats.ts';
import { computeSuccessMetrics, type TSuccessPeriod } from '../../modules/success/compute-success-metrics.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters, NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseMonth } from '../parse-args.ts';

type TOptions = { from: string; to: string; interval: TInterval; account?: string; segment?: string };

/**
 * `tenure metrics cs` (shared/spec/cli.md): one row per period like `metrics revenue`, which
 * registerPeriodCommand cannot express here because of the account and segment filters.
 */
export function registerMetricsCsCommand(metrics: Command): void {
  metrics
    .command('cs')
    .description('one row per period: NPS, CSAT, first-contact resolution, CRC beside ARPA, email opens, …')
    .requiredOption('--from <YYYY-MM>', 'first month', parseMonth)
    .requiredOption('--to <YYYY-MM>', 'last month', parseMonth)
    .addOption(new Option('--interval <interval>', 'period length').choices(INTERVALS).default('month'))
    .option('--account <id>', 'only this account')
    .option('--segment <id>', 'only the accounts now in this segment')
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        computeSuccessMetrics({
          db: store.db,
          workspaceId: context.workspaceId,
          from: options.from,
          to: options.to,
          interval: options.interval,
          accountIds: options.account === undefined ? undefined : [options.account],
          segmentId: options.segment,
        }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      const nps = (p: TSuccessPeriod) => (p.nps === null ? NULL_MARK : p.nps.toFixed(1));
      printOutput<TSuccessPeriod>({
        format: context.format,
        json: result,
        rows: result.periods.map((period) => ({ currency: result.currency, ...period })),
        table: {
          rows: result.periods,
          empty: 'no periods',
          columns: [
            { header: 'Period', value: (p) => p.period, align: 'left' },
            { header: 'NPS', value: nps },
            { header: 'Answers', value: (p) => f.count(p.nps_responses) },
            { header: 'CSAT', value: (p) => f.rate(p.csat) },
            { header: 'Tickets', value: (p) => f.count(p.tickets_opened) },
            { header: 'FCR', value: (p) => f.rate(p.first_contact_resolution_rate) },
            { header: 'Open rate', value: (p) => f.rate(p.email_open_rate) },
            { header: 'CRC', value: (p) => f.money(p.crc) },
            { header: 'ARPA', value: (p) => f.money(p.arpa) },
            { header: 'Complaints', value: (p) => f.count(p.unresolved_complaints) },
            { header: 'Failed pay.', value: (p) => f.count(p.failed_payment_attempts) },
            { header: 'Paid late', value: (p) => f.count(p.late_invoices) },
            { header: 'Overdue', value: (p) => f.count(p.overdue_open_invoices) },
          ],
        },
      });
      if (context.format === 'table' && result.note) {
        process.stdout.write(`${result.accounts} account(s); ${result.note}\n`);
      }
    });
}
