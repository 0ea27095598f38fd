import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { parseDay } from './sql-periods.ts';
import { money, toNumber } from './sql-rounding.ts';

export type TMrrAt = { date: string; currency: string; mrr: number; arr: number; customers: number };

/**
 * MRR, ARR and customers over the whole day `at` (shared/spec/metrics.md "Recurring revenue"), from the
 * movements: MRR is the sum of every signed change up to that day, customers are the accounts that became
 * customers (new, reactivation) less those that churned.
 */
export async function getMrr({
  db,
  workspaceId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
}): Promise<TMrrAt> {
  const workspace = await getWorkspace({ db, workspaceId });
  const day = parseDay(at, 'end', 'at');
  const total = sql`coalesce(sum(mrr_after - mrr_before), 0)`;
  const { rows } = await sql<{ mrr: string; arr: string; customers: number }>`
    select ${money(total)} as mrr, ${money(sql`12 * ${total}`)} as arr,
      coalesce(sum(case type when 'new' then 1 when 'reactivation' then 1 when 'churn' then -1 else 0 end), 0)
        as customers
    from mrr_movements where workspace_id = ${workspaceId} and date <= ${day}::date`.execute(db);
  const row = rows[0]!;
  return {
    date: day,
    currency: workspace.reportingCurrency,
    mrr: toNumber(row.mrr)!,
    arr: toNumber(row.arr)!,
    customers: Number(row.customers),
  };
}
