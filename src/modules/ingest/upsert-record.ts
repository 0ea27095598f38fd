import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TEntity } from '../imports/import-types.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TIngestEntity } from './ingest-entities.ts';
import { ingestRecords, type TIngestStatus } from './ingest-records.ts';

export type TUpsertRecordResult = {
  status: Exclude<TIngestStatus, 'rejected'>;
  record: Record<string, unknown>;
  warnings: string[];
};

/**
 * Creates or updates one record of shared/spec/data.md sent as JSON (by `id`; FX rates by currency and
 * date), validated and written as one CSV row would be. Throws `invalid_input` whose details name each
 * field in error; nothing is written then. Returns the record as stored.
 */
export async function upsertRecord({
  store,
  workspaceId,
  target,
  record,
}: {
  store: TStore;
  workspaceId: string;
  target: TIngestEntity;
  record: unknown;
}): Promise<TUpsertRecordResult> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new AppError('invalid_input', `the body must be one ${target.noun} as a JSON object`);
  }
  const workspace = await getWorkspace({ db: store.db, workspaceId });
  const ctx = { workspaceId, timezone: workspace.timezone, reportingCurrency: workspace.reportingCurrency };
  const result = await ingestRecords({
    store,
    ctx,
    entity: target.entity,
    records: [record],
    isAtomic: true,
    noun: target.noun,
    after: (trx) => readStaged(trx, target.entity, workspaceId),
  });
  const status = result.items[0]!.status;
  if (status === 'rejected' || !result.after) throw new Error('a rejected record passed the atomic check');
  return { status, record: result.after, warnings: result.warnings };
}

/** The stored record of the one staged row, read in the write's transaction. */
async function readStaged(trx: TDb, entity: TEntity, workspaceId: string): Promise<Record<string, unknown>> {
  const matches =
    entity.name === 'fx_rates' ? sql`t.currency = s.currency and t.date = s.date::date` : sql`t.id = s.id`;
  const { rows } = await sql<Record<string, unknown>>`
    select t.* from ${sql.table(entity.name)} t join import_stage s on ${matches}
    where t.workspace_id = ${workspaceId}`.execute(trx);
  const { workspace_id: _, ...stored } = rows[0]!;
  return stored;
}
