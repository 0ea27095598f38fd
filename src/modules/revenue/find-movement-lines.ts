import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findMovements, type TMovementRow } from './find-movements.ts';
import { lineMrrCtes } from './sql-line-mrr.ts';
import { parseDay } from './sql-periods.ts';
import { money } from './sql-rounding.ts';

export type TMovementLine = {
  invoice_id: string;
  id: string;
  plan_id: string | null;
  subscription_id: string;
  service_start: string;
  service_end: string;
  /** In the invoice currency. */
  amount: number;
  discount: number;
  currency: string;
  /** Units of the reporting currency per unit of `currency` on `service_start`. */
  fx_rate: number;
  /** Monthly value in the reporting currency; added on `service_start`, removed on `service_end`. */
  mrr: number;
  effect: 'starts' | 'ends';
};

/**
 * "Why did MRR move?" (shared/spec/metrics.md: every figure can be traced to the rows that made it): the
 * invoice lines of the account that start or end on the movement's day. Their MRR, added for lines that
 * start and subtracted for lines that end, sums to the movement's change.
 */
export async function findMovementLines({
  db,
  workspaceId,
  accountId,
  date,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  date: string;
}): Promise<{ currency: string; movement: TMovementRow; lines: TMovementLine[] }> {
  const day = parseDay(date, 'start', 'date');
  const { movements } = await findMovements({ db, workspaceId, accountId, from: day, to: day });
  const movement = movements[0];
  if (!movement) throw new AppError('not_found', `account "${accountId}" has no MRR movement on ${day}`);
  const workspace = await getWorkspace({ db, workspaceId });
  const onDay = sql`and (l.service_start = ${day}::date or l.service_end = ${day}::date)`;
  const { rows } = await sql<
    Omit<TMovementLine, 'amount' | 'discount' | 'fx_rate' | 'mrr'> &
      Record<'amount' | 'discount' | 'fx_rate' | 'mrr', string>
  >`
    with ${lineMrrCtes({ workspace, accountIds: [accountId], extraWhere: onDay })}
    select invoice_id, line_id as id, plan_id, subscription_id, service_start, service_end, amount, discount,
      currency, fx_rate, ${money(sql`mrr`)} as mrr,
      case when service_start = ${day}::date then 'starts' else 'ends' end as effect
    from sub_lines order by effect desc, subscription_id, line_id`.execute(db);
  return {
    currency: workspace.reportingCurrency,
    movement,
    lines: rows.map((r) => ({
      ...r,
      amount: Number(r.amount),
      discount: Number(r.discount),
      fx_rate: Number(r.fx_rate),
      mrr: Number(r.mrr),
    })),
  };
}
