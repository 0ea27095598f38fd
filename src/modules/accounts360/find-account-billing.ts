import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { MovementType } from '../../db/schema.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { assertAccountExists } from './assert-account-exists.ts';

export type TAccountPayment = {
  id: string;
  attempted_at: string;
  amount: number;
  currency: string;
  outcome: 'succeeded' | 'failed' | 'refunded';
  failure_code: string | null;
  payment_method: string | null;
};

export type TAccountInvoice = {
  id: string;
  issued_at: string;
  due_at: string | null;
  paid_at: string | null;
  status: string;
  /** In the invoice's own currency: the lines' amounts less discounts plus tax. */
  currency: string;
  total: number;
  lines: number;
  payments: TAccountPayment[];
};

export type TAccountMovement = {
  date: string;
  type: MovementType;
  amount: number;
  mrr_before: number;
  mrr_after: number;
};

export type TAccountBilling = {
  account_id: string;
  /** Of the movements (reporting currency); invoices and payments keep their own. */
  currency: string;
  invoices: TAccountInvoice[];
  movements: TAccountMovement[];
};

/**
 * An account's newest `limit` invoices with their totals and payment attempts, and every MRR movement
 * (an account has a few a year), newest first.
 */
export async function findAccountBilling({
  db,
  workspaceId,
  accountId,
  limit = 50,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  limit?: number;
}): Promise<TAccountBilling> {
  await assertAccountExists({ db, workspaceId, accountId });
  const workspace = await getWorkspace({ db, workspaceId });
  const { rows: invoices } = await sql<{
    id: string;
    issued_at: Date;
    due_at: Date | null;
    paid_at: Date | null;
    status: string;
    currency: string;
    total: string;
    lines: number;
  }>`
    select i.id, i.issued_at, i.due_at, i.paid_at, i.status, i.currency,
      ${money(sql`coalesce(l.total, 0)`)} as total, coalesce(l.lines, 0) as lines
    from invoices i
    left join lateral (
      select sum(amount - discount + tax) as total, count(*) as lines from invoice_lines
      where workspace_id = i.workspace_id and invoice_id = i.id
    ) l on true
    where i.workspace_id = ${workspaceId} and i.account_id = ${accountId}
    order by i.issued_at desc, i.id desc
    limit ${limit}`.execute(db);
  const ids = invoices.map((i) => i.id);
  const { rows: payments } = ids.length
    ? await sql<
        Omit<TAccountPayment, 'attempted_at' | 'amount'> & {
          invoice_id: string;
          attempted_at: Date;
          amount: string;
        }
      >`
        select invoice_id, id, attempted_at, ${money(sql`amount`)} as amount, currency, outcome, failure_code,
          payment_method
        from payments where workspace_id = ${workspaceId} and invoice_id = any(${ids}::text[])
        order by attempted_at desc, id desc`.execute(db)
    : { rows: [] };
  const { rows: movements } = await sql<{
    date: string;
    type: MovementType;
    amount: string;
    mrr_before: string;
    mrr_after: string;
  }>`
    select date::text as date, type, ${money(sql`amount`)} as amount, ${money(sql`mrr_before`)} as mrr_before,
      ${money(sql`mrr_after`)} as mrr_after
    from mrr_movements where workspace_id = ${workspaceId} and account_id = ${accountId}
    order by date desc`.execute(db);
  return {
    account_id: accountId,
    currency: workspace.reportingCurrency,
    invoices: invoices.map((i) => ({
      id: i.id,
      issued_at: i.issued_at.toISOString(),
      due_at: i.due_at?.toISOString() ?? null,
      paid_at: i.paid_at?.toISOString() ?? null,
      status: i.status,
      currency: i.currency.trim(),
      total: toNumber(i.total)!,
      lines: Number(i.lines),
      payments: payments
        .filter((p) => p.invoice_id === i.id)
        .map((p) => ({
          id: p.id,
          attempted_at: p.attempted_at.toISOString(),
          amount: toNumber(p.amount)!,
          currency: p.currency.trim(),
          outcome: p.outcome,
          failure_code: p.failure_code,
          payment_method: p.payment_method,
        })),
    })),
    movements: movements.map((m) => ({
      date: m.date,
      type: m.type,
      amount: toNumber(m.amount)!,
      mrr_before: toNumber(m.mrr_before)!,
      mrr_after: toNumber(m.mrr_after)!,
    })),
  };
}
