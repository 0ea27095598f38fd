import type { Command } from 'commander';
import { refreshClassifications } from '../../modules/lifecycle/refresh-classifications.ts';
import { resolveContext, withStore } from '../context.ts';
import { printRefresh } from './segments.ts';

export function registerLifecycleCommands(program: Command): void {
  const lifecycle = program.command('lifecycle').description('tiers and lifecycle stages of accounts');
  lifecycle
    .command('classify')
    .description(
      "recompute every account's tier and stage (settings tiers.*, lifecycle.*), then every segment",
    )
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        refreshClassifications({ db: store.db, workspaceId: context.workspaceId }),
      );
      if (context.format === 'table') {
        process.stdout.write(
          `${result.date}: ${result.accounts} accounts classified, ${result.tier_changes} tier and ` +
            `${result.stage_changes} stage changes\n`,
        );
      }
      printRefresh(context, result, result.segments);
    });
}
