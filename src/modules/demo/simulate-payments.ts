import type { TDemoContext, TEmit } from './demo-context.ts';
import { formatCents, formatInstant } from './demo-dates.ts';

export type TPaymentMethod = 'card' | 'direct_debit' | 'bank_transfer' | 'wallet';

export type TPaymentOutcome = {
  status: 'paid' | 'open' | 'uncollectible';
  paidDay?: number;
  /** A failed attempt is still being retried at `endDay` (the subscription is past due). */
  isPastDue: boolean;
};

const DECLINES = [
  ['insufficient_funds', 40],
  ['card_declined', 25],
  ['expired_card', 15],
  ['processing_error', 10],
  ['do_not_honor', 6],
  ['stolen_card', 4],
] as const;

/**
 * Dunning as processors run it: most first attempts succeed; a decline is retried 3, 5 and 7 days later and
 * usually recovers; a few never do, and the invoice is written off (uncollectible). Attempts on or after
 * `endDay` have not happened yet, so such an invoice is still open.
 */
export function simulatePayments(input: {
  ctx: TDemoContext;
  emit: TEmit;
  invoiceId: string;
  issuedDay: number;
  totalCents: number;
  currency: string;
  method: TPaymentMethod;
  health: number;
}): TPaymentOutcome {
  const { ctx, emit, invoiceId, issuedDay, totalCents, currency, method } = input;
  const random = ctx.random;
  const amount = formatCents(totalCents);
  let attempt = 0;
  const record = (day: number, outcome: 'succeeded' | 'failed', code: string) => {
    attempt++;
    emit('payments', [
      `pay_${invoiceId.slice(4)}_${attempt}`,
      invoiceId,
      formatInstant(day, random.int(360, 1300)),
      amount,
      currency,
      outcome,
      code,
      method,
    ]);
  };
  const settleDay = issuedDay + (method === 'bank_transfer' ? random.int(1, 12) : 0);
  const failureRate = method === 'bank_transfer' ? 0.01 : 0.03 + (1 - input.health) * 0.07;
  if (!random.chance(failureRate)) {
    if (settleDay >= ctx.endDay) return { status: 'open', isPastDue: false };
    record(settleDay, 'succeeded', '');
    return { status: 'paid', paidDay: settleDay, isPastDue: false };
  }
  const code = random.weighted(DECLINES);
  const recovery = code === 'stolen_card' ? 0.15 : code === 'expired_card' ? 0.45 : 0.6;
  if (settleDay >= ctx.endDay) return { status: 'open', isPastDue: false };
  record(settleDay, 'failed', code);
  for (const delay of [3, 5, 7]) {
    const day = settleDay + delay;
    if (day >= ctx.endDay) return { status: 'open', isPastDue: true };
    if (random.chance(recovery)) {
      record(day, 'succeeded', '');
      return { status: 'paid', paidDay: day, isPastDue: false };
    }
    record(
      day,
      'failed',
      code === 'expired_card' || code === 'stolen_card' ? code : random.weighted(DECLINES),
    );
  }
  return { status: 'uncollectible', isPastDue: false };
}
