import type { TRecord, TStripeRecords } from './stripe-records.ts';
import {
  fromMinorUnits,
  fromUnixSeconds,
  idOf,
  paymentMethodKind,
  type TStripeObject,
} from './stripe-values.ts';

/**
 * Payments are keyed by the charge id wherever the event gives one, so that `invoice.payment_failed` and the
 * `charge.failed` of the same attempt make one payment: the invoice event brings the invoice, the charge
 * event the decline code. Fields an event does not know are left out (not null), so they never erase what
 * the other event wrote.
 */
export function mapStripeInvoicePayment(
  invoice: TStripeObject,
  isPaid: boolean,
  eventCreated: number,
  records: TStripeRecords,
): void {
  const currency = String(invoice.currency).toUpperCase();
  const amount = isPaid ? invoice.amount_paid : invoice.amount_due;
  if (typeof amount !== 'number' || amount <= 0) return;
  const chargeId = idOf(invoice.charge) ?? idOf(invoice.payments?.data?.[0]?.payment?.charge);
  const attemptedAt = isPaid ? (invoice.status_transitions?.paid_at ?? eventCreated) : eventCreated;
  records.payments.push({
    id: chargeId ?? `${invoice.id}:${isPaid ? 'paid' : `attempt-${invoice.attempt_count ?? 1}`}`,
    invoice_id: invoice.id,
    attempted_at: fromUnixSeconds(attemptedAt),
    amount: fromMinorUnits(amount, currency),
    currency,
    outcome: isPaid ? 'succeeded' : 'failed',
  });
}

/** charge.failed / charge.succeeded. A charge that belongs to no invoice is not a subscription payment. */
export function mapStripeCharge(charge: TStripeObject, records: TStripeRecords): void {
  const invoiceId = idOf(charge.invoice);
  if (!invoiceId) {
    records.notes.push(`charge ${charge.id} belongs to no invoice: skipped`);
    return;
  }
  const isFailed = charge.status === 'failed';
  const outcome: TStripeObject = charge.outcome ?? {};
  // The issuer's reason (`insufficient_funds`) says more than Stripe's generic `card_declined`.
  const declineCode = outcome.type === 'issuer_declined' ? outcome.reason : null;
  const payment: TRecord = {
    id: charge.id,
    invoice_id: invoiceId,
    attempted_at: fromUnixSeconds(charge.created),
    amount: fromMinorUnits(charge.amount, charge.currency),
    currency: String(charge.currency).toUpperCase(),
    outcome: isFailed ? 'failed' : 'succeeded',
    failure_code: isFailed ? (declineCode ?? charge.failure_code ?? null) : null,
  };
  if (charge.payment_method_details?.type) {
    payment.payment_method = paymentMethodKind(charge.payment_method_details.type);
  }
  addPayment(records, payment, idOf(charge.customer), charge.created);
}

/** payment_intent.payment_failed: the decline code of the intent's last error. */
export function mapStripePaymentIntentFailure(intent: TStripeObject, records: TStripeRecords): void {
  const invoiceId = idOf(intent.invoice);
  if (!invoiceId) {
    records.notes.push(`payment intent ${intent.id} belongs to no invoice: skipped`);
    return;
  }
  const error: TStripeObject = intent.last_payment_error ?? {};
  const payment: TRecord = {
    id: idOf(intent.latest_charge) ?? idOf(error.charge) ?? intent.id,
    invoice_id: invoiceId,
    attempted_at: fromUnixSeconds(intent.created),
    amount: fromMinorUnits(intent.amount, intent.currency),
    currency: String(intent.currency).toUpperCase(),
    outcome: 'failed',
    failure_code: error.decline_code ?? error.code ?? null,
  };
  const methodType = error.payment_method?.type ?? intent.payment_method_types?.[0];
  if (methodType) payment.payment_method = paymentMethodKind(methodType);
  addPayment(records, payment, idOf(intent.customer), intent.created);
}

function addPayment(
  records: TStripeRecords,
  payment: TRecord,
  customerId: string | null,
  created: number,
): void {
  records.payments.push(payment);
  if (!customerId) return;
  records.customerIds.push(customerId);
  records.placeholderInvoices.push({
    id: payment.invoice_id!,
    account_id: customerId,
    issued_at: fromUnixSeconds(created),
    currency: payment.currency!,
    status: 'open',
  });
}
