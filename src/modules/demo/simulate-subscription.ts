import type { TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, formatCents, formatDay, formatInstant } from './demo-dates.ts';
import {
  INTERVAL_MONTHS,
  isPerSeat,
  periodPriceCents,
  planId,
  type TCurrency,
  TIERS,
  type TInterval,
  type TTier,
} from './demo-plans.ts';
import { CANCELLATION_COMMENTS } from './demo-texts.ts';
import type { TLanguage } from './make-names.ts';
import { simulatePayments, type TPaymentMethod } from './simulate-payments.ts';

export type TSubscriptionInput = {
  ctx: TDemoContext;
  emit: TEmit;
  accountId: string;
  subscriptionId: string;
  /** Next invoice number of the account (invoice ids are per account). */
  invoiceSeq: { next: number };
  currency: TCurrency;
  language: TLanguage;
  health: number;
  taxRate: number;
  method: TPaymentMethod;
  /** First paid day; its day of month (1–28) is the billing anchor. */
  start: number;
  trial?: { start: number; end: number };
  tier: TTier;
  interval: TInterval;
  seats: number;
  hasOnboardingFee: boolean;
  hasCoupon: boolean;
  /** The trial ends without a first payment. */
  neverConverts?: boolean;
};

export type TSubscriptionResult = {
  paidEnd: number;
  churnDay?: number;
  /** Churned for a reason a customer comes back from (not a closed business). */
  canReturn: boolean;
  tier: TTier;
  seats: number;
};

const MONTHLY_CHURN: Record<TTier, number> = { starter: 0.035, growth: 0.018, scale: 0.01 };
const REASONS = [
  'too_expensive',
  'missing_features',
  'switched_competitor',
  'not_using',
  'business_closed',
  'poor_support',
] as const;

/**
 * One subscription from its first paid period to its cancellation or the end of the window: an invoice per
 * billing period (service periods end-exclusive, shared/spec/data.md invoice_lines), annual prepay and coupon
 * discounts, taxes, onboarding fee, plan and seat changes at renewal, dunning, voluntary churn.
 */
export function simulateSubscription(input: TSubscriptionInput): TSubscriptionResult {
  const { ctx, emit, accountId, currency } = input;
  const random = ctx.random;
  let { tier, interval, seats } = input;
  const version = input.start < ctx.firstYearEndDay ? 'v1' : 'v2';
  let start = input.start;
  let couponMonths = input.hasCoupon ? 3 : 0;
  let isFirst = true;
  let isPastDue = false;
  const churnMultiplier = 0.3 + 2.7 * (1 - input.health) ** 2;
  const finish = (status: string, cancelledDay?: number, reason = '', comment = '') =>
    emit('subscriptions', [
      input.subscriptionId,
      accountId,
      planId(tier, interval, version, currency),
      status,
      formatInstant(input.trial?.start ?? input.start, 600),
      input.trial ? formatInstant(input.trial.end, 0) : '',
      cancelledDay === undefined ? '' : formatInstant(cancelledDay, random.int(480, 1200)),
      reason,
      comment,
    ]);

  if (input.trial)
    writeInvoice(
      input,
      input.trial.start,
      [
        [
          'subscription',
          input.trial.start,
          input.trial.end,
          1,
          0,
          0,
          planId(tier, interval, version, currency),
        ],
      ],
      0,
      'paid',
    );

  if (input.neverConverts && input.trial) {
    if (input.trial.end >= ctx.endDay) finish('trialing');
    else finish('cancelled', input.trial.end, 'not_using', '');
    return { paidEnd: input.trial.end, canReturn: false, tier, seats };
  }
  while (true) {
    const months = INTERVAL_MONTHS[interval];
    const end = addMonths(start, months);
    const quantity = isPerSeat(tier) ? seats : 1;
    const amount = periodPriceCents(tier, interval, version, currency) * quantity;
    // 20 % off for annual prepay; a 20 % welcome coupon on the first three monthly invoices.
    const discount = interval === 'annual' || couponMonths > 0 ? Math.round(amount * 0.2) : 0;
    couponMonths -= months;
    const lines: TLine[] = [
      ['subscription', start, end, quantity, amount, discount, planId(tier, interval, version, currency)],
    ];
    if (isFirst && input.hasOnboardingFee) {
      const fee =
        currency === 'USD' ? (tier === 'scale' ? 150000 : 50000) : tier === 'scale' ? 78000000 : 26000000;
      lines.push(['one_time', 0, 0, 1, fee, 0, '']);
    }
    if (random.chance(0.004)) writeInvoice(input, start, lines, 0, 'void');
    const payment = writeInvoice(
      input,
      start,
      lines,
      input.taxRate,
      start >= ctx.endDay ? 'upcoming' : 'bill',
    );
    isFirst = false;
    isPastDue = payment.isPastDue;
    if (payment.status === 'uncollectible') {
      finish('cancelled', start + 14, 'payment_failed', '');
      return { paidEnd: start, churnDay: start, canReturn: true, tier, seats };
    }
    if (end >= ctx.billingEndDay) break;
    const annualFactor = interval === 'annual' ? 0.8 : 1;
    const churnChance = (1 - (1 - MONTHLY_CHURN[tier] * churnMultiplier) ** months) * annualFactor;
    const cancelledDay = end - random.int(1, 20);
    if (cancelledDay < ctx.endDay && random.chance(churnChance)) {
      const reason = random.weighted(REASONS.map((r) => [r, reasonWeight(r, tier, input.health)] as const));
      const comment = random.chance(0.6)
        ? random.pick(CANCELLATION_COMMENTS[reason]?.[input.language] ?? [''])
        : '';
      finish('cancelled', cancelledDay, reason, comment);
      return {
        paidEnd: end,
        churnDay: end < ctx.endDay ? end : undefined,
        canReturn: reason !== 'business_closed',
        tier,
        seats,
      };
    }
    const tierIndex = TIERS.indexOf(tier);
    if (tierIndex < 2 && random.chance(0.02 * months * input.health)) {
      tier = TIERS[tierIndex + 1] as TTier;
      if (tier === 'scale') seats = Math.max(10, seats);
    } else if (tierIndex > 0 && random.chance(0.006 * months)) {
      tier = TIERS[tierIndex - 1] as TTier;
    } else if (tier === 'scale' && random.chance(0.12 * months)) {
      seats = Math.max(5, seats + random.int(-3, 6));
    } else if (interval === 'monthly' && random.chance(0.01)) {
      interval = 'annual';
    }
    start = end;
  }
  finish(input.trial && input.trial.end > ctx.endDay ? 'trialing' : isPastDue ? 'past_due' : 'active');
  return { paidEnd: Number.POSITIVE_INFINITY, canReturn: false, tier, seats };
}

type TLine = [
  type: 'subscription' | 'one_time',
  start: number,
  end: number,
  quantity: number,
  amount: number,
  discount: number,
  plan: string,
];

function reasonWeight(reason: (typeof REASONS)[number], tier: TTier, health: number): number {
  if (reason === 'too_expensive') return tier === 'starter' ? 30 : 18;
  if (reason === 'not_using') return 10 + 30 * (1 - health);
  if (reason === 'poor_support') return 4 + 10 * (1 - health);
  if (reason === 'business_closed') return 8;
  return 14;
}

/** Writes an invoice and its lines; 'bill' runs the payments, 'upcoming' is this month's open invoice. */
function writeInvoice(
  input: TSubscriptionInput,
  issuedDay: number,
  lines: TLine[],
  taxRate: number,
  mode: 'paid' | 'void' | 'bill' | 'upcoming',
) {
  const { ctx, emit, accountId, currency } = input;
  const invoiceId = `inv_${accountId.slice(4)}_${input.invoiceSeq.next++}`;
  let total = 0;
  lines.forEach(([type, start, end, quantity, amount, discount, plan], i) => {
    const tax = Math.round((amount - discount) * taxRate);
    total += amount - discount + tax;
    emit('invoice_lines', [
      `il_${invoiceId.slice(4)}_${i + 1}`,
      invoiceId,
      type,
      type === 'subscription' ? input.subscriptionId : '',
      plan,
      type === 'subscription' ? formatDay(start) : '',
      type === 'subscription' ? formatDay(end) : '',
      quantity,
      formatCents(amount),
      formatCents(discount),
      formatCents(tax),
    ]);
  });
  const payment =
    mode === 'bill' && total > 0
      ? simulatePayments({
          ctx,
          emit,
          invoiceId,
          issuedDay,
          totalCents: total,
          currency,
          method: input.method,
          health: input.health,
        })
      : {
          status:
            mode === 'upcoming' ? ('open' as const) : mode === 'void' ? ('void' as const) : ('paid' as const),
          paidDay: issuedDay,
          isPastDue: false,
        };
  const dueDay = issuedDay + (input.method === 'bank_transfer' ? 15 : 0);
  emit('invoices', [
    invoiceId,
    accountId,
    formatInstant(issuedDay, 5),
    currency,
    payment.status,
    formatInstant(dueDay, 5),
    payment.status === 'paid' && payment.paidDay !== undefined ? formatInstant(payment.paidDay, 720) : '',
  ]);
  return payment;
}
