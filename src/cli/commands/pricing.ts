import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { todayUtc } from '../../modules/dates/add-days.ts';
import {
  findAnnualSwitchCandidates,
  type TAnnualCandidate,
} from '../../modules/retention/find-annual-switch-candidates.ts';
import {
  findGrandfatheredCustomers,
  type TGrandfathered,
} from '../../modules/retention/find-grandfathered-customers.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate } from '../parse-args.ts';

const money = (n: number | null) => (n === null ? '-' : n.toFixed(2));

function parsePercent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n >= 100) throw new InvalidArgumentError('expected a percentage 0–99');
  return n;
}

export function registerPricingCommands(program: Command): void {
  const pricing = program
    .command('pricing')
    .description('pricing levers: annual plans, grandfathered prices');
  pricing
    .command('annual')
    .description('young, healthy monthly accounts to offer an annual plan, with projected CLV')
    .option('--at <date>', 'as of this day (default: today)', parseDate)
    .option('--discount <percent>', 'discount of the annual plan (default 15)', parsePercent)
    .action(async (options: { at?: string; discount?: number }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findAnnualSwitchCandidates({
          db: store.db,
          workspaceId: context.workspaceId,
          at: options.at ?? todayUtc(),
          discountPercent: options.discount,
        }),
      );
      printOutput<TAnnualCandidate>({
        format: context.format,
        json: result,
        rows: result.candidates.map((c) => ({ ...c })),
        table: {
          title: `${result.totals.accounts} candidates, MRR ${money(result.totals.mrr)} ${result.currency}, CLV change ${money(result.totals.clv_change)}`,
          rows: result.candidates,
          empty: 'no candidates',
          columns: [
            { header: 'Account', value: (c) => c.account_id, align: 'left' },
            { header: 'MRR', value: (c) => money(c.mrr) },
            { header: 'Months', value: (c) => String(c.tenure_months) },
            { header: 'Annual price', value: (c) => money(c.annual_price) },
            { header: 'CLV monthly', value: (c) => money(c.clv_monthly) },
            { header: 'CLV annual', value: (c) => money(c.clv_annual) },
            { header: 'Change', value: (c) => money(c.clv_change) },
          ],
        },
      });
    });
  pricing
    .command('grandfathered')
    .description('subscriptions on an older, cheaper plan version and the uplift at the newest price')
    .option('--at <date>', 'as of this day (default: today)', parseDate)
    .action(async (options: { at?: string }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findGrandfatheredCustomers({
          db: store.db,
          workspaceId: context.workspaceId,
          at: options.at ?? todayUtc(),
        }),
      );
      printOutput<TGrandfathered>({
        format: context.format,
        json: result,
        rows: result.customers.map((c) => ({ ...c })),
        table: {
          title: `${result.totals.accounts} accounts, uplift ${money(result.totals.uplift)} ${result.currency} MRR`,
          rows: result.customers,
          empty: 'no grandfathered subscriptions',
          columns: [
            { header: 'Account', value: (c) => c.account_id, align: 'left' },
            {
              header: 'Plan',
              value: (c) => `${c.plan_name} v${c.version} → v${c.newest_version}`,
              align: 'left',
            },
            { header: 'Qty', value: (c) => String(c.quantity) },
            { header: 'MRR', value: (c) => money(c.mrr) },
            { header: 'At newest', value: (c) => money(c.mrr_at_newest) },
            { header: 'Uplift', value: (c) => money(c.uplift) },
          ],
        },
      });
    });
}
