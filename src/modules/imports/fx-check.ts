import { type RawBuilder, sql } from 'kysely';
import type { TCheckContext } from './import-types.ts';

/**
 * Rows whose money is in a currency other than the reporting one and that have no FX rate on or before
 * their date ("the latest rate on or before the relevant date; a missing rate is an error", data.md).
 * `from` yields (line, currency, date) per staged row.
 */
export function fxCheck(ctx: TCheckContext, column: string, from: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select x.line, ${column}::text,
      'no exchange rate for ' || x.currency || ' on or before ' || to_char(x.date, 'YYYY-MM-DD')
        || ' (add one to fx_rates.csv)'
    from (${from}) as x (line, currency, date)
    where x.currency <> ${ctx.reportingCurrency}::text
      and not exists (select 1 from fx_rates f where f.workspace_id = ${ctx.workspaceId}
        and f.currency = x.currency and f.date <= x.date)`;
}
