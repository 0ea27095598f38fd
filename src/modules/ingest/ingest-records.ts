import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { checkStaged } from '../imports/check-staged.ts';
import { createStage } from '../imports/create-stage.ts';
import type { TCheckContext, TEntity } from '../imports/import-types.ts';
import { insertStageBatch } from '../imports/insert-stage-batch.ts';
import { runFileTransaction } from '../imports/run-file-transaction.ts';
import { writeStaged } from '../imports/write-staged.ts';
import { retryRaces } from './retry-races.ts';
import { stageRecords, type TStagedRecords } from './stage-records.ts';

export type TFieldError = { field: string; message: string };

export type TIngestStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export type TIngestItem = { index: number; status: TIngestStatus; errors: TFieldError[] };

export type TIngestRecordsInput<T> = {
  store: TStore;
  ctx: TCheckContext;
  entity: TEntity;
  records: readonly unknown[];
  /** All or nothing (one record): any error throws `invalid_input`. Else the valid records are written. */
  isAtomic: boolean;
  /** Called in the transaction after the write, e.g. to read back what was stored. */
  after?: (trx: TDb) => Promise<T>;
  /** Names the records in the message of `invalid_input` (`invalid account`). */
  noun: string;
};

export type TIngestRecordsResult<T> = { items: TIngestItem[]; warnings: string[]; after?: T };

/**
 * Writes JSON records through the CSV import's pipeline, in one transaction: the same per-value validation,
 * the same checks across rows in SQL (duplicate ids in one request, references, FX coverage, currency
 * decimals), and the same write (`writeStaged`: idempotent upsert, record hooks, MRR recompute). The stage
 * "line" of a record is its index in `records`. Nothing is written when the transaction fails; one that
 * collides with a concurrent write of the same keys is run again (then `conflict`).
 */
export async function ingestRecords<T>(input: TIngestRecordsInput<T>): Promise<TIngestRecordsResult<T>> {
  const staged = stageRecords(input.entity, input.records, input.ctx);
  return retryRaces(() => writeRecords(input, staged));
}

async function writeRecords<T>(
  input: TIngestRecordsInput<T>,
  staged: TStagedRecords,
): Promise<TIngestRecordsResult<T>> {
  const { store, ctx, entity, records } = input;
  return runFileTransaction(store, async (trx, client) => {
    await createStage(trx, entity, staged.present.hasRowMask);
    await insertStageBatch(trx, staged.batch, client);
    await checkStaged(trx, entity, ctx, 'index');
    const errors = await findErrors(trx);
    if (errors.size > 0 && input.isAtomic) throw invalidRecord(input.noun, errors.get(0) ?? []);
    const items: TIngestItem[] = records.map((_, index) => {
      const found = errors.get(index);
      return found
        ? { index, status: 'rejected', errors: found }
        : { index, status: 'unchanged', errors: [] };
    });
    if (errors.size < records.length) {
      await writeStaged(trx, entity, ctx, staged.present);
      for (const [index, isInsert] of await findWritten(trx, entity)) {
        items[index]!.status = isInsert ? 'created' : 'updated';
      }
    }
    const after = input.after ? await input.after(trx) : undefined;
    return { items, warnings: staged.warnings, after };
  });
}

/** Every error by item index, in the order found (value errors first, then the checks across rows). */
async function findErrors(trx: TDb): Promise<Map<number, TFieldError[]>> {
  const { rows } = await sql<{ line: number; col: string; message: string }>`
    select line, col, message from import_errors order by line, seq`.execute(trx);
  const errors = new Map<number, TFieldError[]>();
  for (const row of rows) {
    const list = errors.get(row.line) ?? [];
    list.push({ field: row.col, message: row.message });
    errors.set(row.line, list);
  }
  return errors;
}

/** The items the upsert inserted or updated (the rest of the valid ones were unchanged). */
async function findWritten(trx: TDb, entity: TEntity): Promise<[number, boolean][]> {
  const key = entity.name === 'fx_rates' ? sql`s.currency || ' ' || s.date` : sql`s.id`;
  const { rows } = await sql<{ line: number; is_insert: boolean }>`
    select s.line, c.is_insert from import_stage s join import_changed c on c.key = ${key}`.execute(trx);
  return rows.map((r) => [r.line, r.is_insert]);
}

function invalidRecord(noun: string, errors: TFieldError[]): AppError {
  const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new AppError('invalid_input', `invalid ${noun}: ${list}`, errors);
}
