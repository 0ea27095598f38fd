import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TFxRate = {
  currency: string;
  date: string;
  /** Units of the reporting currency for one unit of `currency`, the exact decimal stored. */
  rate: string;
};

export type TFxRatePage = {
  reporting_currency: string;
  total: number;
  limit: number;
  offset: number;
  rates: TFxRate[];
};

export type TFindFxRatesInput = {
  db: TDb;
  workspaceId: string;
  currency?: string;
  /** Rates dated on or after this day (`YYYY-MM-DD`). */
  from?: string;
  /** Rates dated on or before this day. */
  to?: string;
  limit: number;
  offset: number;
};

/** The workspace's FX rates, newest first (then by currency), filtered and paged, with the total matching. */
export async function findFxRates(input: TFindFxRatesInput): Promise<TFxRatePage> {
  const { db, workspaceId } = input;
  const workspace = await getWorkspace({ db, workspaceId });
  let query = db.selectFrom('fx_rates').where('workspace_id', '=', workspaceId);
  if (input.currency) query = query.where('currency', '=', input.currency.trim().toUpperCase());
  if (input.from) query = query.where('date', '>=', input.from);
  if (input.to) query = query.where('date', '<=', input.to);
  const rows = await query
    .select([sql<string>`trim(currency)`.as('currency'), 'date', 'rate'])
    .orderBy('date', 'desc')
    .orderBy('currency')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    reporting_currency: workspace.reportingCurrency,
    total: Number(count.n),
    limit: input.limit,
    offset: input.offset,
    rates: rows.map((r) => ({ currency: r.currency, date: r.date, rate: r.rate })),
  };
}
