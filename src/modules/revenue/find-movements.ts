import { sql } from 'kysely';
import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import type { MovementType } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { parseDay } from './sql-periods.ts';
import { money, toNumber } from './sql-rounding.ts';

export type TFindMovementsInput = {
  db: TDb;
  workspaceId: string;
  accountId?: string;
  from?: string;
  to?: string;
  type?: MovementType;
  limit?: number;
  offset?: number;
};

export type TMovementRow = {
  date: string;
  account_id: string;
  account_name: string;
  type: MovementType;
  amount: number;
  mrr_before: number;
  mrr_after: number;
};

const ZType = z.enum(['new', 'expansion', 'contraction', 'churn', 'reactivation']);

/** Every MRR movement matching the filters (shared/spec/cli.md `metrics movements`), by date then account. */
export async function findMovements(
  input: TFindMovementsInput,
): Promise<{ currency: string; movements: TMovementRow[] }> {
  const { db, workspaceId } = input;
  if (input.type !== undefined && !ZType.safeParse(input.type).success) {
    throw new AppError(
      'invalid_input',
      `type: expected one of ${ZType.options.join(', ')}, got "${input.type}"`,
    );
  }
  for (const [name, value] of [
    ['limit', input.limit],
    ['offset', input.offset],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new AppError('invalid_input', `${name}: expected a whole number ≥ 0, got ${value}`);
    }
  }
  const workspace = await getWorkspace({ db, workspaceId });
  const from = input.from ? parseDay(input.from, 'start', 'from') : undefined;
  const to = input.to ? parseDay(input.to, 'end', 'to') : undefined;
  const rows = await db
    .selectFrom('mrr_movements as m')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'm.workspace_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select([
      'm.date',
      'm.account_id',
      'a.name as account_name',
      'm.type',
      money(sql`m.amount`).as('amount'),
      money(sql`m.mrr_before`).as('mrr_before'),
      money(sql`m.mrr_after`).as('mrr_after'),
    ])
    .where('m.workspace_id', '=', workspaceId)
    .$if(input.accountId !== undefined, (q) => q.where('m.account_id', '=', input.accountId!))
    .$if(from !== undefined, (q) => q.where('m.date', '>=', from!))
    .$if(to !== undefined, (q) => q.where('m.date', '<=', to!))
    .$if(input.type !== undefined, (q) => q.where('m.type', '=', input.type!))
    .orderBy('m.date')
    .orderBy('m.account_id')
    .$if(input.limit !== undefined, (q) => q.limit(input.limit!))
    .$if(input.offset !== undefined, (q) => q.offset(input.offset!))
    .execute();
  return {
    currency: workspace.reportingCurrency,
    movements: rows.map((r) => ({
      date: r.date,
      account_id: r.account_id,
      account_name: r.account_name,
      type: r.type,
      amount: toNumber(r.amount)!,
      mrr_before: toNumber(r.mrr_before)!,
      mrr_after: toNumber(r.mrr_after)!,
    })),
  };
}
