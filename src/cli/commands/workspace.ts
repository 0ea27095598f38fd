import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import { ensureWorkspace } from '../../modules/workspaces/ensure-workspace.ts';
import { getWorkspace, type TWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { updateWorkspace } from '../../modules/workspaces/update-workspace.ts';
import type { TContext } from '../context.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';

type TSettingOptions = { currency?: string; timezone?: string; set?: string[] };

/** `key=value` pairs of metric options; numbers and booleans are typed, the rest stays text. */
function parseSettings(pairs: string[] = []): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new AppError('invalid_usage', `--set takes key=value, got "${pair}"`);
    const raw = pair.slice(at + 1).trim();
    settings[pair.slice(0, at).trim()] = raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return settings;
}

function printWorkspace(context: TContext, workspace: TWorkspace): void {
  const json = {
    workspace: workspace.id,
    reporting_currency: workspace.reportingCurrency,
    timezone: workspace.timezone,
    settings: workspace.settings,
  };
  const rows = [
    ['workspace', workspace.id],
    ['reporting currency', workspace.reportingCurrency],
    ['time zone', workspace.timezone],
    ...Object.entries(workspace.settings).map(([key, value]) => [key, String(value)]),
  ].map(([setting, value]) => ({ setting: setting!, value: value! }));
  printOutput<{ setting: string; value: string }>({
    format: context.format,
    json,
    rows,
    table: {
      rows,
      columns: [
        { header: 'Setting', value: (r) => r.setting, align: 'left' },
        { header: 'Value', value: (r) => r.value, align: 'left' },
      ],
    },
  });
}

export function registerWorkspaceCommands(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('the workspace: reporting currency, time zone, metric options');
  const withSettings = (command: Command) =>
    command
      .option('--currency <code>', 'reporting currency (ISO 4217); only while the workspace has no data')
      .option(
        '--timezone <zone>',
        'IANA time zone of dates and periods; only while the workspace has no data',
      )
      .option('--set <key=value...>', 'a metric option of docs/metrics.md, e.g. mrr.discounts=ignore');

  const applySettings = (options: TSettingOptions, command: Command, isCreating: boolean) => {
    const context = resolveContext(command);
    return withStore(context, async (store) => {
      if (isCreating) await ensureWorkspace({ db: store.db, workspaceId: context.workspaceId });
      const result = await updateWorkspace({
        db: store.db,
        workspaceId: context.workspaceId,
        reportingCurrency: options.currency,
        timezone: options.timezone,
        settings: parseSettings(options.set),
      });
      printWorkspace(context, result);
    });
  };
  withSettings(
    workspace.command('create').description('create the --workspace (before importing into it)'),
  ).action((options: TSettingOptions, command: Command) => applySettings(options, command, true));
  withSettings(workspace.command('set').description('change settings of the --workspace')).action(
    (options: TSettingOptions, command: Command) => applySettings(options, command, false),
  );

  workspace
    .command('show')
    .description('the settings of the --workspace')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        getWorkspace({ db: store.db, workspaceId: context.workspaceId }),
      );
      printWorkspace(context, result);
    });
}
