import { type Command, Option } from 'commander';
import type { TDb } from '../../db/connect.ts';
import { INTERVALS, type TInterval } from '../../http/formats.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters, type TFormatters } from '../output/format-values.ts';
import { printOutput, type TColumn } from '../output/print-output.ts';
import { parseMonth } from '../parse-args.ts';

type TPeriodOptions = { from: string; to: string; interval: TInterval };

export type TPeriodCommand<P> = {
  name: string;
  description: string;
  compute(
    input: TPeriodOptions & { db: TDb; workspaceId: string },
  ): Promise<{ currency: string; periods: P[] }>;
  columns(f: TFormatters): TColumn<P>[];
  /** Lines printed under the table (a summary of the whole range). */
  footer?(result: { currency: string; periods: P[] }, f: TFormatters): string | undefined;
};

/** A `metrics` subcommand reporting one row per period between `--from` and `--to` months. */
export function registerPeriodCommand<P extends object>(metrics: Command, spec: TPeriodCommand<P>): void {
  metrics
    .command(spec.name)
    .description(spec.description)
    .requiredOption('--from <YYYY-MM>', 'first month', parseMonth)
    .requiredOption('--to <YYYY-MM>', 'last month', parseMonth)
    .addOption(new Option('--interval <interval>', 'period length').choices(INTERVALS).default('month'))
    .action(async (options: TPeriodOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        spec.compute({ db: store.db, workspaceId: context.workspaceId, ...options }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      printOutput<P>({
        format: context.format,
        json: result,
        rows: result.periods.map((period) => ({ currency: result.currency, ...period })),
        table: { rows: result.periods, empty: 'no periods', columns: spec.columns(f) },
      });
      const footer = context.format === 'table' ? spec.footer?.(result, f) : undefined;
      if (footer) process.stdout.write(`${footer}\n`);
    });
}
