import type { Command } from 'commander';
import { todayIn } from '../../http/today-in.ts';
import { backfillHealth } from '../../modules/health/backfill-health.ts';
import { recomputeHealth } from '../../modules/health/recompute-health.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate } from '../parse-args.ts';

type TOptions = { account?: string; at?: string; from?: string };

export function registerHealthRecomputeCommand(health: Command): void {
  health
    .command('recompute')
    .description('score accounts for a day and store the scores; with --from, every day from then to --at')
    .option('--at <YYYY-MM-DD>', 'the day (default today in the workspace time zone)', parseDate)
    .option('--account <id>', 'only this account')
    .option(
      '--from <YYYY-MM-DD>',
      'score every day from this one (all accounts; history for trends)',
      parseDate,
    )
    .action(async (_options: TOptions, command: Command) => {
      // `--at` and `--account` are options of `health` too; commander gives them to the parent.
      const options = command.optsWithGlobals<TOptions>();
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        const { db } = store;
        const workspaceId = context.workspaceId;
        if (options.from) {
          const to = options.at ?? todayIn((await getWorkspace({ db, workspaceId })).timezone);
          return backfillHealth({ db, workspaceId, from: options.from, to });
        }
        const accountIds = options.account ? [options.account] : undefined;
        return recomputeHealth({ db, workspaceId, at: options.at, accountIds });
      });
      const text =
        'days' in result
          ? `Scored ${result.days} days from ${result.from} to ${result.to}: ${result.scores} scores stored.`
          : `Scored ${result.scored} accounts for ${result.date}` +
            (result.removed ? `, removed ${result.removed} without data` : '') +
            `, ${result.band_changes} band changes.`;
      if (context.format === 'table') {
        process.stdout.write(`${text}\n`);
        return;
      }
      printOutput({
        format: context.format,
        json: result,
        rows: [{ ...result }],
        table: { rows: [], columns: [] },
      });
    });
}
