import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { lockDerivedRows } from '../usage/lock-derived-rows.ts';
import { findAffectedAccounts, snapshotAccounts } from './find-affected-accounts.ts';
import type { TCheckContext, TEntity } from './import-types.ts';
import { afterUpsert, beforeUpsert } from './record-hooks.ts';
import { type TUpsertPresence, type TUpsertResult, upsertStaged } from './upsert-staged.ts';

/** Past this many written rows the target table's planner statistics are refreshed in the transaction. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Writes the checked rows of `import_stage` the same way for every transport (a CSV file, a JSON request):
 * the idempotent upsert, the record hooks, and the MRR recompute of the accounts whose revenue changed,
 * all in the caller's transaction. `onPhase` is told when the upsert and the recompute end.
 */
export async function writeStaged(
  trx: TDb,
  entity: TEntity,
  ctx: TCheckContext,
  present: TUpsertPresence,
  onPhase?: (phase: 'upsert' | 'recompute') => void,
): Promise<TUpsertResult> {
  const isRevenue = entity.name === 'invoices' || entity.name === 'invoice_lines';
  if (isRevenue) await snapshotAccounts(trx, entity, ctx.workspaceId);
  await beforeUpsert(trx, entity, ctx);
  const { inserted, updated } = await upsertStaged(trx, entity, ctx, present);
  // Statistics: autovacuum cannot see this transaction's rows, and without fresh statistics the planner
  // treats a table that just grew by a million rows as tiny — the MRR recompute and the next file's
  // reference checks then pick nested loops that run for minutes instead of seconds.
  if (inserted + updated >= ANALYZE_AFTER_ROWS) await sql`analyze ${sql.table(entity.name)}`.execute(trx);
  // The hooks and the MRR recompute rewrite derived rows (usage rollups, the stale queue, movements) by
  // deleting and re-inserting them from the source tables; two transactions of one workspace doing that
  // for the same account at once collide on their keys or deadlock (measured: 4 clients sending event
  // batches). From here to commit, a workspace's writes go one at a time; each then sees the others' rows
  // (new usage events sent through the batch endpoint take this lock shared: writeEventBatch).
  await lockDerivedRows(trx, ctx.workspaceId, 'exclusive');
  await afterUpsert(trx, entity, ctx);
  onPhase?.('upsert');
  // A newly inserted invoice has no lines yet (lines reference it), so only updated invoices can move MRR.
  const changesRevenue = entity.name === 'invoices' ? updated > 0 : inserted + updated > 0;
  if (entity.affectsRevenue && changesRevenue) {
    const accountIds = await findAffectedAccounts(trx, entity, ctx.workspaceId);
    await recomputeMovements({ db: trx, workspaceId: ctx.workspaceId, accountIds });
    onPhase?.('recompute');
  }
  return { inserted, updated };
}
