import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TCheckContext } from '../imports/import-types.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { ingestEntities } from './ingest-entities.ts';
import { ingestRecords, type TFieldError, type TIngestItem, type TIngestStatus } from './ingest-records.ts';
import { stageRecords } from './stage-records.ts';
import { writeEventBatch } from './write-event-batch.ts';

/** Issue 3: "a batch endpoint for usage events (up to 1,000 per request)". */
export const MAX_BATCH_EVENTS = 1000;

export type TEventBatchResult = {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  items: { index: number; id: string | null; status: TIngestStatus; errors: TFieldError[] }[];
  warnings: string[];
};

const events = ingestEntities.find((e) => e.path === 'events')!;

/**
 * Writes a batch of usage events, idempotent by event id, with partial success: the valid events are
 * written in one transaction, each invalid one is reported with the fields in error and skipped. Re-sending
 * a batch changes nothing (every item `unchanged`).
 */
export async function ingestEvents({
  store,
  workspaceId,
  items,
}: {
  store: TStore;
  workspaceId: string;
  items: readonly unknown[];
}): Promise<TEventBatchResult> {
  if (items.length > MAX_BATCH_EVENTS) {
    throw new AppError(
      'invalid_input',
      `a batch holds at most ${MAX_BATCH_EVENTS} events (this one has ${items.length}): split it`,
      [{ field: 'events', message: `more than ${MAX_BATCH_EVENTS} events` }],
    );
  }
  const workspace = await getWorkspace({ db: store.db, workspaceId });
  const ctx = { workspaceId, timezone: workspace.timezone, reportingCurrency: workspace.reportingCurrency };
  const result = items.length === 0 ? { items: [], warnings: [] } : await writeEvents(store, ctx, items);
  const count = (status: TIngestStatus) => result.items.filter((i) => i.status === status).length;
  const rejected = count('rejected');
  return {
    accepted: items.length - rejected,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected,
    items: result.items.map((item) => ({ ...item, id: idOf(items[item.index]) })),
    warnings: result.warnings,
  };
}

/**
 * Events whose items all carry the same fields take the lean path (`writeEventBatch`); items that differ
 * in which fields they carry (an absent field keeps the stored value per item) take the generic one.
 */
async function writeEvents(
  store: TStore,
  ctx: TCheckContext,
  items: readonly unknown[],
): Promise<{ items: TIngestItem[]; warnings: string[] }> {
  const staged = stageRecords(events.entity, items, ctx);
  if (staged.present.hasRowMask) {
    return ingestRecords({
      store,
      ctx,
      entity: events.entity,
      records: items,
      isAtomic: false,
      noun: 'event',
    });
  }
  const written = await writeEventBatch({ store, ctx, entity: events.entity, staged, count: items.length });
  return { items: written, warnings: staged.warnings };
}

/** The event id as sent, for the caller to match answers to its events; null when there is none. */
function idOf(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).trim() : null;
}
