import type { TStripeRecords } from './stripe-records.ts';
import { idOf, paymentMethodKind, type TStripeObject } from './stripe-values.ts';

/**
 * payment_method.attached / updated / automatically_updated (a PaymentMethod) and customer.source.expiring
 * (a legacy card source): the account's payment method, for dunning (expiring cards, unblocking cases).
 */
export function mapStripePaymentMethod(method: TStripeObject, records: TStripeRecords): void {
  const customerId = idOf(method.customer);
  if (!customerId) {
    records.notes.push(`payment method ${method.id} is attached to no customer: skipped`);
    return;
  }
  // A source is the card itself; a PaymentMethod nests its details under its type.
  const isSource = method.object === 'card' || method.object === 'source';
  const type = isSource ? 'card' : method.type;
  const details: TStripeObject = isSource ? method : (method[method.type] ?? {});
  records.customerIds.push(customerId);
  records.paymentMethods.push({
    id: method.id,
    accountId: customerId,
    type: paymentMethodKind(type),
    brand: details.brand ?? null,
    last4: details.last4 ?? null,
    expMonth: details.exp_month ?? null,
    expYear: details.exp_year ?? null,
  });
}
