import { type Command, Option } from 'commander';
import { MOVEMENT_TYPES, type TMovementType } from '../../http/formats.ts';
import { findMovements } from '../../modules/revenue/find-movements.ts';
import { resolveContext, withStore } from '../context.ts';
import { createFormatters } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate, parsePositiveInt } from '../parse-args.ts';

type TMovement = Awaited<ReturnType<typeof findMovements>>['movements'][number];
type TOptions = { account?: string; from?: string; to?: string; type?: TMovementType; limit?: number };

const GROWTH = new Set(['new', 'expansion', 'reactivation']);

export function registerMetricsMovementsCommand(metrics: Command): void {
  metrics
    .command('movements')
    .description('every MRR movement, oldest first')
    .option('--account <id>', 'only this account')
    .option('--from <YYYY-MM-DD>', 'first date', parseDate)
    .option('--to <YYYY-MM-DD>', 'last date', parseDate)
    .addOption(new Option('--type <type>', 'only this type of movement').choices(MOVEMENT_TYPES))
    .option('--limit <n>', 'at most this many movements', parsePositiveInt)
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findMovements({
          db: store.db,
          workspaceId: context.workspaceId,
          accountId: options.account,
          from: options.from,
          to: options.to,
          type: options.type,
          limit: options.limit,
        }),
      );
      const f = createFormatters({ currency: result.currency, color: context.isStdoutTty });
      printOutput<TMovement>({
        format: context.format,
        json: result,
        rows: result.movements.map((movement) => ({ currency: result.currency, ...movement })),
        table: {
          rows: result.movements,
          empty: 'no movements',
          columns: [
            { header: 'Date', value: (m) => m.date, align: 'left' },
            { header: 'Account', value: (m) => m.account_id, align: 'left' },
            { header: 'Name', value: (m) => m.account_name ?? '', align: 'left' },
            { header: 'Type', value: (m) => m.type, align: 'left' },
            { header: 'Amount', value: (m) => f.signedMoney(m.amount, GROWTH.has(m.type) ? 'up' : 'down') },
            { header: 'MRR before', value: (m) => f.money(m.mrr_before) },
            { header: 'MRR after', value: (m) => f.money(m.mrr_after) },
          ],
        },
      });
    });
}
