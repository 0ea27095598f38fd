import { Command, CommanderError, Option } from 'commander';
import { registerAccountsCommands } from './commands/accounts.ts';
import { registerApiKeysCommands } from './commands/api-keys.ts';
import { registerChurnCommands } from './commands/churn.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDunningCommands } from './commands/dunning.ts';
import { registerEmailCommands } from './commands/email.ts';
import { registerFeedbackCommands } from './commands/feedback.ts';
import { registerHealthCommands } from './commands/health.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerJobsCommands } from './commands/jobs.ts';
import { registerLifecycleCommands } from './commands/lifecycle.ts';
import { registerMetricsCommands } from './commands/metrics.ts';
import { registerMrrCommand } from './commands/mrr.ts';
import { registerNotesCommands } from './commands/notes.ts';
import { registerPlaybooksCommands } from './commands/playbooks.ts';
import { registerPricingCommands } from './commands/pricing.ts';
import { registerSegmentsCommands } from './commands/segments.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerTasksCommands } from './commands/tasks.ts';
import { registerUsageCommand } from './commands/usage.ts';
import { registerUsersCommands } from './commands/users.ts';
import { registerWebhooksCommands } from './commands/webhooks.ts';
import { registerWorkspaceCommands } from './commands/workspace.ts';
import { reportError } from './report-error.ts';

/**
 * The `tenure` program. Global options live on the root command: commander recognises them anywhere on
 * the line, before or after a command's own arguments (shared/spec/cli.md, "Where the data lives").
 */
export function buildProgram(): Command {
  const program = new Command('tenure')
    .description('Self-hosted customer success platform: revenue metrics, health, automation.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .option('--data-dir <dir>', 'directory of the embedded store (default $TENURE_DATA_DIR or ./.tenure)')
    .option(
      '--database-url <url>',
      'a PostgreSQL server instead of the embedded store (default $DATABASE_URL)',
    )
    .option('--workspace <name>', 'the workspace (tenant) to use (default $TENURE_WORKSPACE or "default")')
    .addOption(
      new Option('--format <format>', 'output format (default table on a terminal, json otherwise)').choices([
        'table',
        'json',
        'csv',
      ]),
    );
  registerStartCommand(program);
  registerDemoCommand(program);
  registerImportCommand(program);
  registerMrrCommand(program);
  registerMetricsCommands(program);
  registerUsageCommand(program);
  registerFeedbackCommands(program);
  registerHealthCommands(program);
  registerSegmentsCommands(program);
  registerPlaybooksCommands(program);
  registerAccountsCommands(program);
  registerLifecycleCommands(program);
  registerApiKeysCommands(program);
  registerWorkspaceCommands(program);
  registerUsersCommands(program);
  registerTasksCommands(program);
  registerNotesCommands(program);
  registerChurnCommands(program);
  registerPricingCommands(program);
  registerDunningCommands(program);
  registerJobsCommands(program);
  registerWebhooksCommands(program);
  registerEmailCommands(program);
  return program;
}

/** Runs one command line; resolves to the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message; help and version are successes, the rest is bad usage.
      const isSuccess = error.exitCode === 0 || error.code === 'commander.helpDisplayed';
      return isSuccess ? 0 : 2;
    }
    return reportError(error);
  }
}
