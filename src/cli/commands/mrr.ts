import type { Command } from 'commander';
import { todayIn } from '../../http/today-in.ts';
import { getMrr } from '../../modules/revenue/get-mrr.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate } from '../parse-args.ts';

type TMrr = Awaited<ReturnType<typeof getMrr>>;

export function registerMrrCommand(program: Command): void {
  program
    .command('mrr')
    .description('MRR, ARR and customers at a date')
    .option('--at <YYYY-MM-DD>', 'the date (default today in the workspace time zone)', parseDate)
    .action(async (options: { at?: string }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        const workspace = await getWorkspace({ db: store.db, workspaceId: context.workspaceId });
        const at = options.at ?? todayIn(workspace.timezone);
        return getMrr({ db: store.db, workspaceId: context.workspaceId, at });
      });
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      printOutput<TMrr>({
        format: context.format,
        json: result,
        rows: [{ ...result }],
        table: {
          rows: [result],
          columns: [
            { header: 'Date', value: (r) => r.date, align: 'left' },
            { header: 'MRR', value: (r) => f.money(r.mrr) },
            { header: 'ARR', value: (r) => f.money(r.arr) },
            { header: 'Customers', value: (r) => f.count(r.customers) },
          ],
        },
      });
    });
}
