import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { checkStaged } from './check-staged.ts';
import { createStage, stageColumns } from './create-stage.ts';
import { findAffectedAccounts, snapshotAccounts } from './find-affected-accounts.ts';
import type { TCheckContext, TEntity, TImportFileSummary, TImportProgress } from './import-types.ts';
import { addToStageBatch, emptyStageBatch, insertStageBatch } from './insert-stage-batch.ts';
import { invalidFileError } from './invalid-file-error.ts';
import { readCsv } from './read-csv.ts';
import { readHeader, type THeader } from './read-header.ts';
import { upsertStaged } from './upsert-staged.ts';
import { validateRecord } from './validate-record.ts';
import { writeRejects } from './write-rejects.ts';

const BATCH_ROWS = 10_000;
const PROGRESS_MS = 100;

export type TImportFileInput = {
  db: TDb;
  ctx: TCheckContext;
  filePath: string;
  /** How the file is named in errors and the summary. */
  displayName: string;
  entity: TEntity;
  skipInvalid: boolean;
  warnings: string[];
  onProgress?: (progress: TImportProgress) => void;
};

/**
 * Imports one file in one transaction (shared/spec/data.md: atomic per file): stream, validate each row,
 * stage in batches, check across rows in SQL, then upsert staged → target in one statement and recompute
 * MRR movements when revenue inputs changed. Throws `invalid_input` listing the row errors unless
 * `skipInvalid`, in which case invalid rows go to the rejects file.
 */
export async function importFile(input: TImportFileInput): Promise<TImportFileSummary> {
  const { db, ctx, filePath, displayName, entity } = input;
  const startedAt = new Date();
  const totalBytes = fs.statSync(filePath).size;
  const read = { bytes: 0 };
  let rows = 0;
  let lastReport = 0;
  const report = () => {
    lastReport = Date.now();
    input.onProgress?.({ file: displayName, entity: entity.name, rows, bytes: read.bytes, totalBytes });
  };
  return db.transaction().execute(async (trx) => {
    await createStage(trx, entity);
    const width = stageColumns(entity).length;
    let header: THeader | undefined;
    let batch = emptyStageBatch(width);
    for await (const records of readCsv(filePath, displayName, read)) {
      for (const { line, record } of records) {
        if (!header) {
          const parsed = readHeader(entity, record, displayName);
          if ('errors' in parsed) throw invalidFileError(parsed.errors, parsed.errors.length, displayName);
          header = parsed;
          if (!entity.hasAttributes) {
            for (const u of parsed.unknown)
              input.warnings.push(`${displayName}: unknown column "${u.name}" ignored`);
          }
          continue;
        }
        rows++;
        const { values, errors } = validateRecord(entity, header, record, ctx);
        addToStageBatch(batch, line, values, errors);
        if (batch.lines.length + batch.errorLines.length >= BATCH_ROWS) {
          await insertStageBatch(trx, batch);
          batch = emptyStageBatch(width);
          report();
        } else if ((rows & 1023) === 0 && Date.now() - lastReport >= PROGRESS_MS) report();
      }
    }
    if (!header) {
      const error = {
        file: displayName,
        line: 1,
        column: 'row',
        message: 'the file is empty: expected a header row',
      };
      throw invalidFileError([error], 1, displayName);
    }
    await insertStageBatch(trx, batch);
    report();
    await sql`analyze import_stage`.execute(trx);
    await checkStaged(trx, entity, ctx);
    const rejected = await countRejected(trx);
    if (rejected > 0 && !input.skipInvalid) await throwRowErrors(trx, displayName);
    const rejectsFile = rejected > 0 ? await writeRejects(trx, filePath, displayName) : undefined;
    const isRevenue = entity.name === 'invoices' || entity.name === 'invoice_lines';
    if (isRevenue) await snapshotAccounts(trx, entity, ctx.workspaceId);
    const present = new Set(entity.columns.filter((_, i) => header.indexes[i]! >= 0).map((c) => c.name));
    const { inserted, updated } = await upsertStaged(trx, entity, ctx, {
      columns: present,
      hasAttributes: header.unknown.length > 0,
    });
    if (entity.affectsRevenue && inserted + updated > 0) {
      const accountIds = await findAffectedAccounts(trx, entity, ctx.workspaceId);
      await recomputeMovements({ db: trx, workspaceId: ctx.workspaceId, accountIds });
    }
    const summary: TImportFileSummary = {
      file: displayName,
      entity: entity.name,
      rows,
      inserted,
      updated,
      unchanged: rows - rejected - inserted - updated,
      rejected,
      ...(rejectsFile ? { rejects_file: rejectsFile } : {}),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
    };
    await trx
      .insertInto('import_runs')
      .values({
        workspace_id: ctx.workspaceId,
        id: randomUUID(),
        file: displayName,
        entity: entity.name,
        started_at: startedAt,
        finished_at: new Date(),
        inserted,
        updated,
        unchanged: summary.unchanged,
        rejected,
      })
      .execute();
    return summary;
  });
}

async function countRejected(trx: TDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(distinct line) as n from import_errors`.execute(trx);
  return rows[0]?.n ?? 0;
}

async function throwRowErrors(trx: TDb, displayName: string): Promise<never> {
  const { rows } = await sql<{ line: number; column: string; message: string; total: number }>`
    select line, col as column, message, count(*) over () as total
    from import_errors order by line, seq limit 100`.execute(trx);
  const errors = rows.map((r) => ({ file: displayName, line: r.line, column: r.column, message: r.message }));
  throw invalidFileError(errors, rows[0]?.total ?? errors.length, displayName);
}
