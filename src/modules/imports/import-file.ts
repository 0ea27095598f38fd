import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { checkStaged } from './check-staged.ts';
import { createStage } from './create-stage.ts';
import type {
  TCheckContext,
  TEntity,
  TImportFileSummary,
  TImportPhase,
  TImportProgress,
} from './import-types.ts';
import { invalidFileError } from './invalid-file-error.ts';
import { runFileTransaction } from './run-file-transaction.ts';
import { stageFile } from './stage-file.ts';
import { writeRejects } from './write-rejects.ts';
import { writeStaged } from './write-staged.ts';

export type TImportFileInput = {
  store: TStore;
  ctx: TCheckContext;
  filePath: string;
  /** How the file is named in errors and the summary. */
  displayName: string;
  entity: TEntity;
  skipInvalid: boolean;
  warnings: string[];
  onProgress?: (progress: TImportProgress) => void;
  onPhase?: (phase: TImportPhase) => void;
};

/**
 * Imports one file in one transaction (shared/spec/data.md: atomic per file): stream, validate each row,
 * stage in batches, check across rows in SQL, then write the staged rows (`writeStaged`: upsert, record
 * hooks, MRR recompute). Throws `invalid_input` listing the row errors unless
 * `skipInvalid`, in which case invalid rows go to the rejects file.
 */
export async function importFile(input: TImportFileInput): Promise<TImportFileSummary> {
  const { store, ctx, filePath, displayName, entity } = input;
  const startedAt = new Date();
  let phaseStart = performance.now();
  const phase = (name: TImportPhase['phase']) => {
    const now = performance.now();
    input.onPhase?.({
      file: displayName,
      entity: entity.name,
      phase: name,
      seconds: (now - phaseStart) / 1000,
    });
    phaseStart = now;
  };
  const summary = await runFileTransaction(store, async (trx, client) => {
    await createStage(trx, entity);
    const { header, rows } = await stageFile({ ...input, trx, client });
    phase('read');
    await sql`analyze import_stage`.execute(trx);
    await checkStaged(trx, entity, ctx);
    const rejected = await countRejected(trx);
    phase('check');
    if (rejected > 0 && !input.skipInvalid) await throwRowErrors(trx, displayName);
    const rejectsFile = rejected > 0 ? await writeRejects(trx, filePath, displayName) : undefined;
    const present = new Set(entity.columns.filter((_, i) => header.indexes[i]! >= 0).map((c) => c.name));
    const { inserted, updated } = await writeStaged(
      trx,
      entity,
      ctx,
      { columns: present, hasAttributes: header.unknown.length > 0 },
      phase,
    );
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
  phase('commit');
  return summary;
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
