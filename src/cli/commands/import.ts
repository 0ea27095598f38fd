import type { Command } from 'commander';
import { importPaths } from '../../modules/imports/import-paths.ts';
import { resolveContext, withStore } from '../context.ts';
import { createProgress } from '../output/create-progress.ts';
import { printImportSummary } from '../output/print-import-summary.ts';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import CSV files or directories in the format of docs/import-format.md')
    .argument('<paths...>', 'files or directories')
    .option('--skip-invalid', 'import the valid rows and write invalid ones to <file>.rejected.csv')
    .action(async (paths: string[], options: { skipInvalid?: boolean }, command: Command) => {
      const context = resolveContext(command);
      const progress = createProgress({ isTty: context.isStderrTty });
      const summary = await withStore(context, (store) =>
        importPaths({
          store,
          workspaceId: context.workspaceId,
          paths,
          skipInvalid: Boolean(options.skipInvalid),
          onProgress: progress.update,
        }),
      ).finally(progress.stop);
      printImportSummary(summary, { format: context.format });
    });
}
