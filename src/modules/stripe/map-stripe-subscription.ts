import type { TStripeRecords } from './stripe-records.ts';
import { fromMinorUnits, fromUnixSeconds, idOf, type TStripeObject } from './stripe-values.ts';

/**
 * Stripe's subscription statuses as Tenure's. `incomplete` (the first payment has not succeeded yet) is
 * counted as past_due: money is owed and the customer has not paid.
 */
const STATUS: Record<string, string> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  incomplete: 'past_due',
  paused: 'paused',
  canceled: 'cancelled',
  incomplete_expired: 'cancelled',
};

/** customer.subscription.*: a plan per price of the subscription, and the subscription itself. */
export function mapStripeSubscription(subscription: TStripeObject, records: TStripeRecords): void {
  const customerId = idOf(subscription.customer);
  if (!customerId) {
    records.notes.push(`subscription ${subscription.id} has no customer: skipped`);
    return;
  }
  records.customerIds.push(customerId);
  const items: TStripeObject[] = subscription.items?.data ?? [];
  for (const item of items) {
    const price: TStripeObject | undefined = item.price ?? item.plan;
    if (price?.id) records.plans.push(planOf(price));
  }
  const details: TStripeObject = subscription.cancellation_details ?? {};
  records.subscriptions.push({
    id: subscription.id,
    account_id: customerId,
    plan_id: items[0]?.price?.id ?? items[0]?.plan?.id ?? null,
    status: STATUS[subscription.status] ?? 'active',
    started_at: fromUnixSeconds(subscription.start_date ?? subscription.created),
    trial_end: fromUnixSeconds(subscription.trial_end),
    cancelled_at: fromUnixSeconds(subscription.canceled_at ?? subscription.ended_at),
    // The customer's own answer first (`too_expensive`), else why Stripe cancelled (`payment_failed`).
    cancellation_reason: details.feedback ?? details.reason ?? null,
    cancellation_comment: details.comment ?? null,
  });
}

function planOf(price: TStripeObject): Record<string, string | number | null> {
  const currency = String(price.currency ?? 'usd').toUpperCase();
  const product = price.product;
  const productName = product && typeof product === 'object' ? product.name : null;
  const amount = price.unit_amount ?? price.amount;
  return {
    id: price.id,
    // An unexpanded product is only an id: the price's nickname names the plan better when set.
    name: productName ?? price.nickname ?? idOf(product) ?? price.id,
    interval_unit: price.recurring?.interval ?? price.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? price.interval_count ?? 1,
    amount: typeof amount === 'number' ? fromMinorUnits(amount, currency) : null,
    currency,
  };
}
