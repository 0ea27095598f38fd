import type { TStripeRecords } from './stripe-records.ts';
import { fromMinorUnits, fromUnixSeconds, idOf, type TStripeObject } from './stripe-values.ts';

const STATUS = new Set(['draft', 'open', 'paid', 'void', 'uncollectible']);

/**
 * invoice.*: the invoice and its lines. Line fields moved between API versions, so both shapes are read:
 * the price (`price` before 2025-03-31, `pricing.price_details` after), the subscription (`subscription`
 * before, `parent.subscription_item_details` after) and the tax (`tax_amounts` before, `taxes` after).
 */
export function mapStripeInvoice(invoice: TStripeObject, records: TStripeRecords): void {
  const customerId = idOf(invoice.customer);
  if (!customerId) {
    records.notes.push(`invoice ${invoice.id} has no customer: skipped`);
    return;
  }
  records.customerIds.push(customerId);
  const currency = String(invoice.currency).toUpperCase();
  const transitions: TStripeObject = invoice.status_transitions ?? {};
  records.invoices.push({
    id: invoice.id,
    account_id: customerId,
    issued_at: fromUnixSeconds(transitions.finalized_at ?? invoice.created),
    currency,
    status: STATUS.has(invoice.status) ? invoice.status : 'open',
    due_at: fromUnixSeconds(invoice.due_date),
    paid_at: fromUnixSeconds(transitions.paid_at),
  });
  const invoiceSubscription =
    idOf(invoice.subscription) ?? idOf(invoice.parent?.subscription_details?.subscription);
  for (const line of (invoice.lines?.data ?? []) as TStripeObject[]) {
    if (typeof line.amount !== 'number' || line.amount < 0) {
      records.notes.push(`invoice line ${line.id}: a credit (negative amount) is not recorded`);
      continue;
    }
    const subscriptionId =
      idOf(line.subscription) ??
      idOf(line.parent?.subscription_item_details?.subscription) ??
      (line.type === 'subscription' ? invoiceSubscription : null);
    const period: TStripeObject = line.period ?? {};
    const hasPeriod = typeof period.start === 'number' && period.end > period.start;
    const isSubscription = subscriptionId !== null && hasPeriod;
    const sum = (list: TStripeObject[] | undefined) =>
      (list ?? []).reduce((total, entry) => total + (entry.amount ?? 0), 0);
    const taxes = line.tax_amounts ?? line.taxes;
    records.invoiceLines.push({
      id: line.id,
      invoice_id: invoice.id,
      type: isSubscription ? 'subscription' : 'one_time',
      subscription_id: subscriptionId,
      plan_id: idOf(line.price) ?? idOf(line.pricing?.price_details?.price) ?? idOf(line.plan),
      service_start: hasPeriod ? fromUnixSeconds(period.start) : null,
      service_end: hasPeriod ? fromUnixSeconds(period.end) : null,
      quantity: line.quantity ?? 1,
      amount: fromMinorUnits(line.amount, currency),
      discount: fromMinorUnits(Math.min(sum(line.discount_amounts), line.amount), currency),
      tax: fromMinorUnits(sum(taxes), currency),
    });
  }
}
