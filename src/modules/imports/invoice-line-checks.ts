import { type RawBuilder, sql } from 'kysely';
import { currencyDigits } from './currency-digits.ts';
import type { TCheckContext } from './import-types.ts';
import { rowErrors } from './row-errors.ts';

/**
 * The checks of invoice lines that need their invoice (shared/spec/data.md, "General rules"): amounts have
 * at most the invoice currency's minor digits, the discount is not more than the amount, and a line in a
 * currency other than the reporting one has an FX rate on or before its service start (or the invoice
 * date). One query joins each line to its invoice once and yields every error of the line in that order.
 */
export function invoiceLineChecks(ctx: TCheckContext): RawBuilder<unknown>[] {
  const digits = JSON.stringify(
    Object.fromEntries(Intl.supportedValuesOf('currency').map((c) => [c, currencyDigits(c)])),
  );
  const scale = (column: string) => {
    const value = sql.ref(`s.${column}`);
    return {
      column,
      when: sql`scale(${value}::numeric) > c.digits`,
      message: sql`'"' || ${value} || '" has ' || scale(${value}::numeric)
        || case when scale(${value}::numeric) = 1 then ' decimal' else ' decimals' end
        || ' but ' || c.currency || ' allows at most ' || c.digits`,
    };
  };
  const errors = rowErrors([
    scale('amount'),
    scale('discount'),
    scale('tax'),
    {
      column: 'discount',
      when: sql`s.discount::numeric > s.amount::numeric`,
      message: sql`'discount ' || s.discount || ' is more than the amount ' || s.amount`,
    },
    {
      column: 'service_start',
      when: sql`c.currency <> ${ctx.reportingCurrency}::text and not exists (select 1 from fx_rates f
        where f.workspace_id = ${ctx.workspaceId} and f.currency = c.currency and f.date <= c.date)`,
      message: sql`'no exchange rate for ' || c.currency || ' on or before ' || to_char(c.date, 'YYYY-MM-DD')
        || ' (add one to fx_rates.csv)'`,
    },
  ]);
  return [
    sql`select s.line, e.col, e.message
      from import_stage s
      left join invoices i on i.workspace_id = ${ctx.workspaceId} and i.id = s.invoice_id
      left join (select key as currency, value::int as digits from jsonb_each_text(${digits}::jsonb)) d
        on d.currency = i.currency::text
      cross join lateral (select i.currency::text as currency, d.digits,
          coalesce(s.service_start::date, (i.issued_at at time zone ${ctx.timezone}::text)::date) as date) c
      ${errors}`,
  ];
}
