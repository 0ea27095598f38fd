import { mapStripeCustomer } from './map-stripe-customer.ts';
import { mapStripeInvoice } from './map-stripe-invoice.ts';
import {
  mapStripeCharge,
  mapStripeInvoicePayment,
  mapStripePaymentIntentFailure,
} from './map-stripe-payment.ts';
import { mapStripePaymentMethod } from './map-stripe-payment-method.ts';
import { mapStripeSubscription } from './map-stripe-subscription.ts';
import { emptyRecords, type TStripeRecords } from './stripe-records.ts';
import type { TStripeObject } from './stripe-values.ts';

const INVOICE_EVENTS = new Set([
  'invoice.created',
  'invoice.finalized',
  'invoice.updated',
  'invoice.paid',
  'invoice.voided',
  'invoice.marked_uncollectible',
  'invoice.payment_failed',
]);
const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);
const PAYMENT_METHOD_EVENTS = new Set([
  'payment_method.attached',
  'payment_method.updated',
  'payment_method.automatically_updated',
  'customer.source.expiring',
]);

/** Whether Tenure maps this event type; the others are acknowledged, recorded and ignored. */
export function isMappedStripeEvent(type: string): boolean {
  return (
    INVOICE_EVENTS.has(type) ||
    SUBSCRIPTION_EVENTS.has(type) ||
    PAYMENT_METHOD_EVENTS.has(type) ||
    ['customer.created', 'customer.updated', 'charge.failed', 'charge.succeeded'].includes(type) ||
    type === 'payment_intent.payment_failed'
  );
}

/** The Tenure records one Stripe event stands for (docs/webhooks.md, "Stripe": the mapping table). */
export function mapStripeEvent(event: {
  type: string;
  created: number;
  data: { object: unknown };
}): TStripeRecords {
  const records = emptyRecords();
  const object = event.data.object as TStripeObject;
  if (event.type === 'customer.created' || event.type === 'customer.updated') {
    mapStripeCustomer(object, records);
  } else if (SUBSCRIPTION_EVENTS.has(event.type)) {
    mapStripeSubscription(object, records);
  } else if (INVOICE_EVENTS.has(event.type)) {
    mapStripeInvoice(object, records);
    if (event.type === 'invoice.paid' || event.type === 'invoice.payment_failed') {
      mapStripeInvoicePayment(object, event.type === 'invoice.paid', event.created, records);
    }
  } else if (event.type === 'charge.failed' || event.type === 'charge.succeeded') {
    mapStripeCharge(object, records);
  } else if (event.type === 'payment_intent.payment_failed') {
    mapStripePaymentIntentFailure(object, records);
  } else if (PAYMENT_METHOD_EVENTS.has(event.type)) {
    mapStripePaymentMethod(object, records);
  }
  return records;
}
