import type { TDb } from '../../db/connect.ts';
import type { InvoiceStatus } from '../../db/schema.ts';

/** Test rows for the revenue module, written straight to the tables (no importer involved). */
export type TLineInput = {
  type?: 'subscription' | 'one_time';
  subscriptionId?: string;
  planId?: string;
  start?: string;
  end?: string;
  amount: string | number;
  discount?: string | number;
  tax?: string | number;
};

export type TInvoiceInput = {
  workspaceId: string;
  accountId: string;
  id?: string;
  /** Defaults to the first line's start. */
  issuedAt?: string;
  currency?: string;
  status?: InvoiceStatus;
  lines: TLineInput[];
};

let sequence = 0;

export async function insertAccount(db: TDb, workspaceId: string, id: string, name = `Account ${id}`) {
  await db
    .insertInto('accounts')
    .values({ workspace_id: workspaceId, id, name })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing())
    .execute();
}

/** Inserts an invoice with its lines (and its account when missing); returns the invoice id. */
export async function insertInvoice(db: TDb, input: TInvoiceInput): Promise<string> {
  const { workspaceId, accountId } = input;
  await insertAccount(db, workspaceId, accountId);
  const id = input.id ?? `inv-${++sequence}`;
  await db
    .insertInto('invoices')
    .values({
      workspace_id: workspaceId,
      id,
      account_id: accountId,
      issued_at: `${input.issuedAt ?? input.lines[0]?.start ?? '2024-01-01'}T00:00:00Z`,
      currency: input.currency ?? 'USD',
      status: input.status ?? 'paid',
    })
    .execute();
  await db
    .insertInto('invoice_lines')
    .values(
      input.lines.map((line) => ({
        workspace_id: workspaceId,
        id: `${id}-l${++sequence}`,
        invoice_id: id,
        type: line.type ?? 'subscription',
        subscription_id:
          (line.type ?? 'subscription') === 'subscription'
            ? (line.subscriptionId ?? `sub-${accountId}`)
            : null,
        plan_id: line.planId ?? null,
        service_start: line.start ?? null,
        service_end: line.end ?? null,
        quantity: 1,
        amount: line.amount,
        discount: line.discount ?? 0,
        tax: line.tax ?? 0,
      })),
    )
    .execute();
  return id;
}

export async function insertFxRate(
  db: TDb,
  workspaceId: string,
  currency: string,
  date: string,
  rate: string,
) {
  await db.insertInto('fx_rates').values({ workspace_id: workspaceId, currency, date, rate }).execute();
}

export async function insertRefund(
  db: TDb,
  input: { workspaceId: string; invoiceId: string; at: string; amount: string; currency?: string },
) {
  await db
    .insertInto('payments')
    .values({
      workspace_id: input.workspaceId,
      id: `pay-${++sequence}`,
      invoice_id: input.invoiceId,
      attempted_at: `${input.at}T12:00:00Z`,
      amount: input.amount,
      currency: input.currency ?? 'USD',
      outcome: 'refunded',
    })
    .execute();
}

/** Monthly lines from `firstStart` for `count` months (day of month kept), e.g. a monthly plan's invoices. */
export function monthlyPeriods(firstStart: string, count: number): { start: string; end: string }[] {
  const [y, m, d] = firstStart.split('-').map(Number) as [number, number, number];
  const day = (offset: number) => new Date(Date.UTC(y, m - 1 + offset, d)).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, i) => ({ start: day(i), end: day(i + 1) }));
}
