import type { Command } from 'commander';
import type { TDb } from '../../db/connect.ts';
import { createSegment } from '../../modules/segments/create-segment.ts';
import { deleteSegment } from '../../modules/segments/delete-segment.ts';
import { findSegmentMembers } from '../../modules/segments/find-segment-members.ts';
import { findSegments } from '../../modules/segments/find-segments.ts';
import { getSegment } from '../../modules/segments/get-segment.ts';
import { previewSegment } from '../../modules/segments/preview-segment.ts';
import { refreshSegments, type TSegmentRefresh } from '../../modules/segments/refresh-segments.ts';
import type { TSegment } from '../../modules/segments/segment-shape.ts';
import { updateSegment } from '../../modules/segments/update-segment.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';
import { parseOffset, printAccountRows } from './accounts.ts';

type TSegmentOptions = { id?: string; name?: string; description?: string; filter?: string };

function printSegments(context: TContext, json: unknown, segments: TSegment[]): void {
  printOutput<TSegment>({
    format: context.format,
    json,
    rows: segments.map((segment) => ({ ...segment })),
    table: {
      rows: segments,
      empty: 'no segments (create one with `tenure segments create --name N --filter F`)',
      columns: [
        { header: 'Segment', value: (s) => s.id, align: 'left' },
        { header: 'Name', value: (s) => s.name, align: 'left' },
        { header: 'Members', value: (s) => String(s.member_count) },
        { header: 'Filter', value: (s) => s.filter, align: 'left' },
      ],
    },
  });
}

/** Runs `fn` on the store and also returns the workspace's reporting currency (for money columns). */
async function withCurrency<T>(
  context: TContext,
  fn: (db: TDb) => Promise<T>,
): Promise<{ result: T; currency: string }> {
  return withStore(context, async (store) => ({
    result: await fn(store.db),
    currency: (await getWorkspace({ db: store.db, workspaceId: context.workspaceId })).reportingCurrency,
  }));
}

export function registerSegmentsCommands(program: Command): void {
  const segments = program
    .command('segments')
    .description('rule-based segments of accounts (filter language: README "Segments")');

  segments
    .command('list', { isDefault: true })
    .description('every segment with its member count')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findSegments({ db: store.db, workspaceId: context.workspaceId }),
      );
      printSegments(context, result, result.segments);
    });

  segments
    .command('show <id>')
    .description('one segment')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const segment = await withStore(context, (store) =>
        getSegment({ db: store.db, workspaceId: context.workspaceId, segmentId: id }),
      );
      printSegments(context, segment, [segment]);
    });

  segments
    .command('create')
    .description('create a segment and compute its members')
    .requiredOption('--name <name>', 'the segment name')
    .requiredOption(
      '--filter <filter>',
      'which accounts belong, e.g. \'tier = "vip" AND health_band = "red"\'',
    )
    .option('--id <id>', 'the segment id (default: from the name)')
    .option('--description <text>', 'what the segment is for')
    .action(async (options: TSegmentOptions, command: Command) => {
      const context = resolveContext(command);
      const segment = await withStore(context, (store) =>
        createSegment({
          db: store.db,
          workspaceId: context.workspaceId,
          id: options.id,
          name: options.name!,
          description: options.description,
          filter: options.filter!,
        }),
      );
      printSegments(context, segment, [segment]);
    });

  segments
    .command('update <id>')
    .description("change a segment's name, description or filter and recompute its members")
    .option('--name <name>', 'a new name')
    .option('--filter <filter>', 'a new filter')
    .option('--description <text>', 'a new description')
    .action(async (id: string, options: TSegmentOptions, command: Command) => {
      const context = resolveContext(command);
      const segment = await withStore(context, (store) =>
        updateSegment({
          db: store.db,
          workspaceId: context.workspaceId,
          segmentId: id,
          name: options.name,
          description: options.description,
          filter: options.filter,
        }),
      );
      printSegments(context, segment, [segment]);
    });

  segments
    .command('delete <id>')
    .description('delete a segment and its memberships')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        deleteSegment({ db: store.db, workspaceId: context.workspaceId, segmentId: id }),
      );
      const rows = [{ id: result.id, deleted: 'yes' }];
      printOutput<{ id: string; deleted: string }>({
        format: context.format,
        json: result,
        rows,
        table: { rows, columns: [{ header: 'Deleted segment', value: (r) => r.id, align: 'left' }] },
      });
    });

  segments
    .command('members <id>')
    .description("a segment's members by name, with MRR, tier, stage and health")
    .option('--limit <n>', 'at most this many (default 100)', parsePositiveInt)
    .option('--offset <n>', 'skip this many first', parseOffset)
    .action(async (id: string, options: { limit?: number; offset?: number }, command: Command) => {
      const context = resolveContext(command);
      const { result, currency } = await withCurrency(context, (db) =>
        findSegmentMembers({
          db,
          workspaceId: context.workspaceId,
          segmentId: id,
          limit: options.limit,
          offset: options.offset,
        }),
      );
      printAccountRows(context, currency, result, result.members);
    });

  segments
    .command('preview')
    .description('how many accounts a filter matches now, and the first of them (nothing is saved)')
    .requiredOption('--filter <filter>', 'the filter to try')
    .option('--limit <n>', 'show at most this many (default 20)', parsePositiveInt)
    .action(async (options: { filter: string; limit?: number }, command: Command) => {
      const context = resolveContext(command);
      const { result, currency } = await withCurrency(context, (db) =>
        previewSegment({
          db,
          workspaceId: context.workspaceId,
          filter: options.filter,
          limit: options.limit,
        }),
      );
      if (context.format === 'table') process.stdout.write(`${result.count} accounts match\n`);
      printAccountRows(context, currency, result, result.members);
    });

  segments
    .command('refresh')
    .description('recompute the members of every segment (or the given ones)')
    .argument('[ids...]', 'only these segments')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        refreshSegments({
          db: store.db,
          workspaceId: context.workspaceId,
          segmentIds: ids.length ? ids : undefined,
        }),
      );
      printRefresh(context, result, result.segments);
    });
}

export function printRefresh(context: TContext, json: unknown, rows: TSegmentRefresh[]): void {
  printOutput<TSegmentRefresh>({
    format: context.format,
    json,
    rows: rows.map((row) => ({ ...row })),
    table: {
      rows,
      empty: 'no segments',
      columns: [
        { header: 'Segment', value: (r) => r.id, align: 'left' },
        { header: 'Members', value: (r) => String(r.members) },
        { header: 'Entered', value: (r) => String(r.entered) },
        { header: 'Left', value: (r) => String(r.left) },
      ],
    },
  });
}
