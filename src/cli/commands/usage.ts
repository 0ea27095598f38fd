import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import { todayIn } from '../../http/today-in.ts';
import { findDailyUsage, type TDailyUsage } from '../../modules/usage/find-daily-usage.ts';
import { findUsageReport, type TUsageReport } from '../../modules/usage/find-usage-report.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate, parsePositiveInt } from '../parse-args.ts';

type TOptions = { account?: string; at?: string; limit?: number };
type TDailyOptions = { account?: string; from: string; to: string };
type TAccountRow = TUsageReport['accounts'][number];
type TDayRow = TDailyUsage['days'][number];

/** Rates and counts only: the currency of these formatters is never shown. */
const f = createFormatters({ currency: 'USD', color: false });

export function registerUsageCommand(program: Command): void {
  const usage = program
    .command('usage')
    .description('product usage per account: active users, events, trend, activity, adoption, seats')
    .option('--account <id>', 'only this account (also the account of `usage daily`)')
    .option(
      '--at <YYYY-MM-DD>',
      'as of the end of this day (default today in the workspace time zone)',
      parseDate,
    )
    .option('--limit <n>', 'at most this many accounts, by id (default 100)', parsePositiveInt)
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        const db = store.db;
        const workspaceId = context.workspaceId;
        const at = options.at ?? todayIn((await getWorkspace({ db, workspaceId })).timezone);
        return findUsageReport({
          db,
          workspaceId,
          at,
          accountId: options.account,
          limit: options.limit ?? 100,
        });
      });
      printOutput<TAccountRow>({
        format: context.format,
        json: result,
        rows: result.accounts.map((row) => ({ at: result.at, ...row })),
        table: {
          title:
            `Usage as of ${result.at}; key features: ${result.key_features.join(', ') || 'none'}` +
            (result.accounts.length < result.total
              ? ` — showing ${result.accounts.length} of ${result.total}`
              : ''),
          rows: result.accounts,
          empty: 'no accounts',
          columns: [
            { header: 'Account', value: (r) => r.account_id, align: 'left' },
            { header: 'Name', value: (r) => r.account_name, align: 'left' },
            { header: 'Users 7d', value: (r) => f.count(r.active_users_7d) },
            { header: 'Users 30d', value: (r) => f.count(r.active_users_30d) },
            { header: 'Events 30d', value: (r) => f.count(r.events_30d) },
            { header: 'Trend', value: (r) => f.rate(r.trend_30d) },
            { header: 'Days idle', value: (r) => f.count(r.days_since_last_activity) },
            { header: 'Adoption', value: (r) => f.rate(r.adoption_breadth) },
            { header: 'Seats used', value: (r) => f.rate(r.seat_utilisation) },
          ],
        },
      });
    });

  usage
    .command('daily')
    .description("one account's usage day by day, in total and per event name")
    .requiredOption('--from <YYYY-MM-DD>', 'first day', parseDate)
    .requiredOption('--to <YYYY-MM-DD>', 'last day', parseDate)
    .action(async (_options: TDailyOptions, command: Command) => {
      const context = resolveContext(command);
      // `--account` belongs to `usage`, which commander lets appear before or after `daily`.
      const options = command.optsWithGlobals<TDailyOptions>();
      if (!options.account) throw new AppError('invalid_usage', '`tenure usage daily` needs --account <id>');
      const accountId = options.account;
      const result = await withStore(context, (store) =>
        findDailyUsage({
          db: store.db,
          workspaceId: context.workspaceId,
          accountId,
          from: options.from,
          to: options.to,
        }),
      );
      printOutput<TDayRow>({
        format: context.format,
        json: result,
        rows: result.days.flatMap((day) => [
          { date: day.date, name: '', events: day.events, active_users: day.active_users },
          ...Object.entries(day.by_name).map(([name, events]) => ({
            date: day.date,
            name,
            events,
            active_users: '',
          })),
        ]),
        table: {
          title: `Usage of ${result.account_id} from ${result.from} to ${result.to}`,
          rows: result.days,
          columns: [
            { header: 'Date', value: (d) => d.date, align: 'left' },
            { header: 'Events', value: (d) => f.count(d.events) },
            { header: 'Users', value: (d) => f.count(d.active_users) },
            {
              header: 'By name',
              value: (d) =>
                Object.entries(d.by_name)
                  .map(([name, events]) => `${name} ${f.count(events)}`)
                  .join(', '),
              align: 'left',
            },
          ],
        },
      });
    });
}
