import type { Command } from 'commander';
import { computeCohorts } from '../../modules/revenue/compute-cohorts.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters, NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseMonth } from '../parse-args.ts';

type TCohort = Awaited<ReturnType<typeof computeCohorts>>['cohorts'][number];

/** A table shows the first months side by side; json and csv carry every month. */
const TABLE_MONTHS = [1, 2, 3, 6, 12];

export function registerMetricsCohortsCommand(metrics: Command): void {
  metrics
    .command('cohorts')
    .description('logo and revenue retention of the accounts that started in each month')
    .option('--from <YYYY-MM>', 'first cohort month', parseMonth)
    .option('--to <YYYY-MM>', 'last cohort month', parseMonth)
    .action(async (options: { from?: string; to?: string }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        computeCohorts({
          db: store.db,
          workspaceId: context.workspaceId,
          from: options.from,
          to: options.to,
        }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      const rows = result.cohorts.flatMap(({ months, customers, ...cohort }) =>
        months.map((month) => ({
          currency: result.currency,
          ...cohort,
          cohort_customers: customers,
          ...month,
        })),
      );
      const monthCell = (cohort: TCohort, index: number) => {
        const month = cohort.months.find((m) => m.month_index === index);
        return month ? `${f.rate(month.logo_retention)} / ${f.rate(month.revenue_retention)}` : NULL_MARK;
      };
      printOutput<TCohort>({
        format: context.format,
        json: result,
        rows,
        table: {
          rows: result.cohorts,
          title: 'Retention after N months: logos / revenue',
          empty: 'no cohorts',
          columns: [
            { header: 'Cohort', value: (c) => c.cohort, align: 'left' },
            { header: 'Customers', value: (c) => f.count(c.customers) },
            { header: 'Starting MRR', value: (c) => f.money(c.starting_mrr) },
            ...TABLE_MONTHS.map((index) => ({
              header: `M${index}`,
              value: (c: TCohort) => monthCell(c, index),
            })),
          ],
        },
      });
    });
}
