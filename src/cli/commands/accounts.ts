import { type Command, InvalidArgumentError } from 'commander';
import { findLifecycleEvents, type TLifecycleEvent } from '../../modules/lifecycle/find-lifecycle-events.ts';
import type { TAccountRow } from '../../modules/segments/account-row.ts';
import { searchAccounts } from '../../modules/segments/search-accounts.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { createFormatters, NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

/** A whole number ≥ 0 (an offset may be 0, unlike a limit). */
export function parseOffset(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('expected a whole number of at least 0.');
  }
  return Number(value);
}

type TListOptions = {
  tier?: string;
  stage?: string;
  segment?: string;
  filter?: string;
  search?: string;
  sort?: string;
  limit?: number;
  offset?: number;
};

/** The account table (MRR, tier, stage, health) of `tenure accounts` and `tenure segments members`. */
export function printAccountRows(
  context: TContext,
  currency: string,
  json: unknown,
  rows: TAccountRow[],
): void {
  const f = createFormatters({ currency, color: context.isStdoutTty });
  printOutput<TAccountRow>({
    format: context.format,
    json,
    rows: rows.map((row) => ({ ...row })),
    table: {
      rows,
      empty: 'no accounts',
      columns: [
        { header: 'Account', value: (r) => r.account_id, align: 'left' },
        { header: 'Name', value: (r) => r.name, align: 'left' },
        { header: 'MRR', value: (r) => f.money(r.mrr) },
        { header: 'Tier', value: (r) => r.tier ?? NULL_MARK, align: 'left' },
        { header: 'Stage', value: (r) => r.stage ?? NULL_MARK, align: 'left' },
        { header: 'Health', value: (r) => (r.health_score === null ? NULL_MARK : String(r.health_score)) },
        { header: 'Band', value: (r) => r.health_band ?? NULL_MARK, align: 'left' },
      ],
    },
  });
}

export function registerAccountsCommands(program: Command): void {
  const accounts = program
    .command('accounts')
    .description('accounts with MRR, tier, lifecycle stage and health')
    .option('--tier <tier>', 'only this tier (vip, core, non_core, potential)')
    .option('--stage <stage>', 'only this lifecycle stage')
    .option('--segment <id>', 'only members of this segment')
    .option('--filter <filter>', 'only accounts matching a segment filter')
    .option('--search <text>', 'text in the id, name or owner email')
    .option('--sort <field>', 'name, mrr, health_score, tier, stage or created_at; -field for descending')
    .option('--limit <n>', 'at most this many accounts (default 50)', parsePositiveInt)
    .option('--offset <n>', 'skip this many first', parseOffset)
    .action(async (options: TListOptions, command: Command) => {
      const context = resolveContext(command);
      const { result, currency } = await withStore(context, async (store) => ({
        currency: (await getWorkspace({ db: store.db, workspaceId: context.workspaceId })).reportingCurrency,
        result: await searchAccounts({
          db: store.db,
          workspaceId: context.workspaceId,
          tier: options.tier,
          stage: options.stage,
          segmentId: options.segment,
          filter: options.filter,
          q: options.search,
          sort: options.sort,
          limit: options.limit,
          offset: options.offset,
        }),
      }));
      printAccountRows(context, currency, result, result.accounts);
      if (context.format === 'table' && result.total > result.accounts.length) {
        process.stdout.write(
          `${result.accounts.length} of ${result.total} accounts (--limit, --offset for more)\n`,
        );
      }
    });

  accounts
    .command('events')
    .description('lifecycle events, newest first: segment entries and exits, tier, stage and band changes')
    .option('--account <id>', 'only this account')
    .option('--segment <id>', 'only this segment')
    .option('--since <date>', 'from this day (YYYY-MM-DD) or instant (ISO 8601)')
    .option('--type <types>', 'comma-separated event types')
    .option('--limit <n>', 'at most this many (default 100)', parsePositiveInt)
    .action(
      async (
        options: { account?: string; segment?: string; since?: string; type?: string; limit?: number },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const result = await withStore(context, (store) =>
          findLifecycleEvents({
            db: store.db,
            workspaceId: context.workspaceId,
            accountId: options.account,
            segmentId: options.segment,
            since: options.since,
            types: options.type?.split(',').map((t) => t.trim()) as TLifecycleEvent['type'][] | undefined,
            // `tenure accounts` has a --limit of its own, which commander gives the flag to.
            limit: options.limit ?? command.optsWithGlobals<{ limit?: number }>().limit,
          }),
        );
        printOutput<TLifecycleEvent>({
          format: context.format,
          json: result,
          rows: result.events.map((event) => ({ ...event })),
          table: {
            rows: result.events,
            empty: 'no lifecycle events',
            columns: [
              { header: 'When', value: (e) => e.occurred_at.slice(0, 19).replace('T', ' '), align: 'left' },
              { header: 'Account', value: (e) => e.account_id, align: 'left' },
              { header: 'Event', value: (e) => e.type, align: 'left' },
              { header: 'Segment', value: (e) => e.segment_id ?? '', align: 'left' },
              { header: 'From', value: (e) => e.from_value ?? '', align: 'left' },
              { header: 'To', value: (e) => e.to_value ?? '', align: 'left' },
            ],
          },
        });
      },
    );
}
