import type { Command } from 'commander';
import { computeChurnReasons, type TChurnReasonRow } from '../../modules/retention/compute-churn-reasons.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function registerChurnCommands(program: Command): void {
  const churn = program.command('churn').description('why customers leave');
  churn
    .command('reasons')
    .description('churned accounts and lost MRR by cancellation reason in [from, to)')
    .option('--from <date>', 'first day, YYYY-MM-DD or YYYY-MM (default: a year before --to)')
    .option('--to <date>', 'the day after the last, YYYY-MM-DD or YYYY-MM (default: tomorrow)')
    .action(async (options: { from?: string; to?: string }, command: Command) => {
      const context = resolveContext(command);
      const tomorrow = new Date();
      tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
      const to = options.to ?? isoDay(tomorrow);
      const from = options.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4, 7)}-01`;
      const report = await withStore(context, (store) =>
        computeChurnReasons({ db: store.db, workspaceId: context.workspaceId, from, to }),
      );
      printOutput<TChurnReasonRow>({
        format: context.format,
        json: report,
        rows: report.reasons.map((r) => ({ ...r })),
        table: {
          title: `Churn ${report.from} to ${report.to} (exclusive): ${report.accounts} accounts, ${report.lost_mrr} ${report.currency} MRR lost`,
          rows: report.reasons,
          empty: 'no churn in this period',
          columns: [
            { header: 'Reason', value: (r) => r.label_en, align: 'left' },
            { header: 'Accounts', value: (r) => String(r.accounts) },
            { header: `Lost MRR (${report.currency})`, value: (r) => r.lost_mrr.toFixed(2) },
            { header: 'Share', value: (r) => (r.share === null ? '-' : `${(r.share * 100).toFixed(1)}%`) },
          ],
        },
      });
    });
}
