import type { Command } from 'commander';
import { loadDemo } from '../../modules/demo/load-demo.ts';
import { resolveContext, withStore } from '../context.ts';
import { createProgress } from '../output/create-progress.ts';
import { printImportSummary } from '../output/print-import-summary.ts';
import { parsePositiveInt } from '../parse-args.ts';
import { backfillDemoHealth, demoEndDate } from './backfill-demo-health.ts';

type TOptions = { accounts?: number; months?: number; seed?: number };

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate and import a realistic, deterministic demo workspace')
    .option('--accounts <n>', 'number of accounts', parsePositiveInt)
    .option('--months <m>', 'months of history', parsePositiveInt)
    .option('--seed <s>', 'random seed: the same seed gives the same data', parsePositiveInt)
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const progress = createProgress({ isTty: context.isStderrTty });
      const summary = await withStore(context, async (store) => {
        const loaded = await loadDemo({
          store,
          workspaceId: context.workspaceId,
          endDate: demoEndDate(),
          ...options,
          onProgress: progress.update,
        }).finally(progress.stop);
        // A history of daily scores, so trends and "what changed" show at once; the line goes to stderr
        // to keep stdout the import summary alone.
        const ready = await backfillDemoHealth(store, {
          workspaceId: context.workspaceId,
          isTty: context.isStderrTty,
        });
        process.stderr.write(`${ready}\n`);
        return loaded;
      });
      printImportSummary(summary, { format: context.format, isTemporary: true });
    });
}
