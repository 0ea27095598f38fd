import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { lineMrrCtes } from './sql-line-mrr.ts';
import { withAnalyticsSettings } from './sql-settings.ts';

export type TRecomputeMovementsInput = {
  db: TDb;
  workspaceId: string;
  /** The accounts whose invoices changed; undefined recomputes the whole workspace. */
  accountIds?: string[];
};

/**
 * Rebuilds `mrr_movements` from invoice lines, per shared/spec/metrics.md "MRR movements": each line adds
 * its MRR on `service_start` and removes it on `service_end`; per account and day the changes are summed,
 * so a renewal at the same price is no movement and a same-day plan change is one movement of the net
 * difference. One `insert … select` does it all in the database. Call it inside the transaction that
 * changed invoices, invoice lines or FX rates (pass the transaction as `db`); outside one it opens its own.
 * Returns how many accounts have movements and how many movements were written.
 */
export async function recomputeMovements(
  input: TRecomputeMovementsInput,
): Promise<{ accounts: number; movements: number }> {
  const { db } = input;
  if (input.accountIds?.length === 0) return { accounts: 0, movements: 0 };
  return withAnalyticsSettings(db, (trx) => recompute({ ...input, db: trx }));
}

async function recompute({ db, workspaceId, accountIds }: TRecomputeMovementsInput) {
  const workspace = await getWorkspace({ db, workspaceId });
  await assertFxRatesCover(db, workspaceId, workspace.reportingCurrency, accountIds);
  let remove = db.deleteFrom('mrr_movements').where('workspace_id', '=', workspaceId);
  if (accountIds) remove = remove.where(sql<boolean>`account_id = any(${accountIds}::text[])`);
  await remove.execute();
  // An account's MRR is never negative (credit lines can outweigh charges for a while): below 0 counts as 0,
  // so movements stay within the five types and still add up to the change in MRR.
  const { rows } = await sql<{ accounts: number; movements: number }>`
    with ${lineMrrCtes({ workspace, accountIds })},
    changes as (
      select account_id, day, sum(delta) as delta
      from (select account_id, unnest(array[service_start, service_end]) as day, unnest(array[mrr, -mrr]) as delta
            from sub_lines) d
      group by account_id, day
      having sum(delta) <> 0
    ),
    levels as (
      select account_id, day,
        greatest(0, sum(delta) over w - delta) as mrr_before,
        greatest(0, sum(delta) over w) as mrr_after
      from changes
      window w as (partition by account_id order by day rows unbounded preceding)
    ),
    moves as (
      select account_id, day, mrr_before, mrr_after,
        coalesce(bool_or(mrr_after > 0) over (partition by account_id order by day
          rows between unbounded preceding and 1 preceding), false) as was_customer
      from levels
    ),
    inserted as (
      insert into mrr_movements (workspace_id, account_id, date, type, amount, mrr_before, mrr_after)
      select ${workspaceId}, account_id, day,
        case when mrr_before = 0 then (case when was_customer then 'reactivation' else 'new' end)
          when mrr_after = 0 then 'churn'
          when mrr_after > mrr_before then 'expansion'
          else 'contraction' end,
        abs(mrr_after - mrr_before), mrr_before, mrr_after
      from moves
      where mrr_after <> mrr_before
      returning account_id
    )
    select count(distinct account_id) as accounts, count(*) as movements from inserted`.execute(db);
  return rows[0]!;
}

/** shared/spec/data.md "Currency": a missing rate is an error, never a silent zero. */
async function assertFxRatesCover(
  db: TDb,
  workspaceId: string,
  reportingCurrency: string,
  accountIds?: string[],
) {
  const { rows } = await sql<{ currency: string; first_start: string }>`
    select trim(i.currency) as currency, min(l.service_start) as first_start
    from invoices i
    join invoice_lines l on l.workspace_id = i.workspace_id and l.invoice_id = i.id
    where i.workspace_id = ${workspaceId} and i.currency <> ${reportingCurrency}
      and i.status in ('open', 'paid') and l.type = 'subscription'
      ${accountIds ? sql`and i.account_id = any(${accountIds}::text[])` : sql``}
    group by i.currency
    having min(l.service_start) < coalesce((select min(f.date) from fx_rates f
      where f.workspace_id = ${workspaceId} and f.currency = i.currency), 'infinity'::date)
    order by 1 limit 1`.execute(db);
  const missing = rows[0];
  if (missing) {
    throw new AppError(
      'invalid_input',
      `no FX rate for ${missing.currency} on or before ${missing.first_start}: add one to fx_rates.csv`,
    );
  }
}
