import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { markHealthStale } from '../health/mark-health-stale.ts';
import { lockDerivedRows } from '../usage/lock-derived-rows.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TFxRate } from './find-fx-rates.ts';
import { recomputeMovements } from './recompute-movements.ts';
import { fxUsesCte } from './sql-fx-uses.ts';

/**
 * Deletes one FX rate and brings everything computed with it up to date in the same transaction, as an
 * import of a changed rate does (src/modules/imports/write-staged.ts): the workspace's MRR movements are
 * recomputed (amounts it converted now convert at the rate before it) and every account's health is queued
 * for rescoring. Refused (`conflict`) when an amount would be left with no rate on or before its date —
 * shared/spec/data.md: "a missing rate is an error" — naming the first such amount.
 */
export async function deleteFxRate({
  db,
  workspaceId,
  currency,
  date,
}: {
  db: TDb;
  workspaceId: string;
  currency: string;
  date: string;
}): Promise<TFxRate> {
  const code = currency.trim().toUpperCase();
  return db.transaction().execute(async (trx) => {
    const workspace = await getWorkspace({ db: trx, workspaceId });
    await lockDerivedRows(trx, workspaceId, 'exclusive');
    const deleted = await trx
      .deleteFrom('fx_rates')
      .where('workspace_id', '=', workspaceId)
      .where('currency', '=', code)
      .where('date', '=', date)
      .returning(['date', 'rate'])
      .executeTakeFirst();
    if (!deleted) throw new AppError('not_found', `no FX rate for ${code} on ${date} in this workspace`);
    const { rows } = await sql<{ kind: string; id: string; day: string }>`
      with ${fxUsesCte(workspaceId, workspace.timezone)}
      select u.kind, u.id, u.day from fx_uses u
      where u.currency = ${code}::text and u.currency <> ${workspace.reportingCurrency}::text
        and not exists (select 1 from fx_rates f
          where f.workspace_id = ${workspaceId} and f.currency = ${code} and f.date <= u.day)
      order by u.day, u.kind, u.id limit 1`.execute(trx);
    const orphan = rows[0];
    if (orphan) {
      throw new AppError(
        'conflict',
        `the ${orphan.kind.replace('_', ' ')} "${orphan.id}" in ${code} dated ${orphan.day} would have no ` +
          `exchange rate on or before its date: add an earlier ${code} rate first`,
      );
    }
    await recomputeMovements({ db: trx, workspaceId });
    await markHealthStale({ db: trx, workspaceId, accountIds: undefined });
    return { currency: code, date: deleted.date, rate: deleted.rate };
  });
}
