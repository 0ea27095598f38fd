import { type RawBuilder, sql } from 'kysely';
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
  const onAccounts = (column: RawBuilder<unknown>) =>
    accountIds ? sql`and ${column} = any(${accountIds}::text[])` : sql``;
  // The new movements go to a temporary table first, and only the difference is written: an import
  // usually changes a few accounts, and rewriting every unchanged movement (its index entries and the
  // foreign-key check on each row) was a third of a full recompute.
  await sql`drop table if exists pg_temp.next_mrr_movements`.execute(db);
  // An account's MRR is never negative (credit lines can outweigh charges for a while): below 0 counts as 0,
  // so movements stay within the five types and still add up to the change in MRR.
  await sql`create temporary table next_mrr_movements as
    with ${lineMrrCtes({ workspace, accountIds })},
    changes as (
      select sl.account_id, v.day, sum(v.delta) as delta
      from sub_lines sl cross join lateral (values (sl.service_start, sl.mrr), (sl.service_end, -sl.mrr)) v(day, delta)
      group by sl.account_id, v.day
      having sum(v.delta) <> 0
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
    )
    select account_id, day as date,
      case when mrr_before = 0 then (case when was_customer then 'reactivation' else 'new' end)
        when mrr_after = 0 then 'churn'
        when mrr_after > mrr_before then 'expansion'
        else 'contraction' end as type,
      abs(mrr_after - mrr_before) as amount, mrr_before, mrr_after
    from moves
    where mrr_after <> mrr_before`.execute(db);
  // Every value has scale 10 (line MRR is rounded to 10 decimals), so numeric equality is identity here.
  await sql`delete from mrr_movements m
    where m.workspace_id = ${workspaceId} ${onAccounts(sql`m.account_id`)}
      and not exists (select 1 from next_mrr_movements n
        where n.account_id = m.account_id and n.date = m.date and n.type = m.type and n.amount = m.amount
          and n.mrr_before = m.mrr_before and n.mrr_after = m.mrr_after)`.execute(db);
  await sql`insert into mrr_movements (workspace_id, account_id, date, type, amount, mrr_before, mrr_after)
    select ${workspaceId}, n.account_id, n.date, n.type, n.amount, n.mrr_before, n.mrr_after
    from next_mrr_movements n
    where not exists (select 1 from mrr_movements m
      where m.workspace_id = ${workspaceId} and m.account_id = n.account_id and m.date = n.date)`.execute(db);
  const { rows } = await sql<{ accounts: number; movements: number }>`
    select count(distinct account_id) as accounts, count(*) as movements from next_mrr_movements`.execute(db);
  await sql`drop table next_mrr_movements`.execute(db);
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
