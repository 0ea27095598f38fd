import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { checkStaged } from './check-staged.ts';
import { createStage } from './create-stage.ts';
import { findAffectedAccounts, snapshotAccounts } from './find-affected-accounts.ts';
import type {
  TCheckContext,
  TEntity,
  TImportFileSummary,
  TImportPhase,
  TImportProgress,
} from './import-types.ts';
import { invalidFileError } from './invalid-file-error.ts';
import { afterUpsert, beforeUpsert } from './record-hooks.ts';
import { runFileTransaction } from './run-file-transaction.ts';
import { stageFile } from './stage-file.ts';
import { upsertStaged } from './upsert-staged.ts';
import { writeRejects } from './write-rejects.ts';

/** Past this many written rows the target table's planner statistics are refreshed in the transaction. */
const ANALYZE_AFTER_ROWS = 10_000;

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
 * stage in batches, check across rows in SQL, then upsert staged → target in one statement and recompute
 * MRR movements when revenue inputs changed. Throws `invalid_input` listing the row errors unless
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
    const isRevenue = entity.name === 'invoices' || entity.name === 'invoice_lines';
    if (isRevenue) await snapshotAccounts(trx, entity, ctx.workspaceId);
    const present = new Set(entity.columns.filter((_, i) => header.indexes[i]! >= 0).map((c) => c.name));
    await beforeUpsert(trx, entity, ctx);
    const { inserted, updated } = await upsertStaged(trx, entity, ctx, {
      columns: present,
      hasAttributes: header.unknown.length > 0,
    });
    // Statistics: autovacuum cannot see this transaction's rows, and without fresh statistics the planner
    // treats a table that just grew by a million rows as tiny — the MRR recompute and the next file's
    // reference checks then pick nested loops that run for minutes instead of seconds.
    if (inserted + updated >= ANALYZE_AFTER_ROWS) await sql`analyze ${sql.table(entity.name)}`.execute(trx);
    await afterUpsert(trx, entity, ctx);
    phase('upsert');
    // A newly inserted invoice has no lines yet (lines reference it), so only updated invoices can move MRR.
    const changesRevenue = entity.name === 'invoices' ? updated > 0 : inserted + updated > 0;
    if (entity.affectsRevenue && changesRevenue) {
      const accountIds = await findAffectedAccounts(trx, entity, ctx.workspaceId);
      await recomputeMovements({ db: trx, workspaceId: ctx.workspaceId, accountIds });
      phase('recompute');
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
