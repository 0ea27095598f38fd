import Stripe from 'stripe';
import { AppError } from '../../errors.ts';
import type { TChargeResult } from './charge-result.ts';

/**
 * Retries an invoice in Stripe (`POST /v1/invoices/:id/pay`) with our idempotency key, so a retry of the
 * same attempt (a crashed worker, a network error) is answered from Stripe's record instead of charging
 * again. A card error is a result (`failed` with its decline code); any other error throws so the job
 * retries later. `baseUrl` points the client elsewhere (tests run a fake Stripe on loopback).
 */
export async function chargeWithStripe({
  apiKey,
  baseUrl,
  invoiceId,
  idempotencyKey,
}: {
  apiKey: string;
  baseUrl: string | null;
  invoiceId: string;
  idempotencyKey: string;
}): Promise<TChargeResult> {
  const url = baseUrl ? new URL(baseUrl) : null;
  const stripe = new Stripe(apiKey, {
    maxNetworkRetries: 0,
    timeout: 30_000,
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          protocol: url.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
  try {
    const invoice = await stripe.invoices.pay(invoiceId, {}, { idempotencyKey });
    if (invoice.status === 'paid') {
      return { outcome: 'succeeded', failure_code: null, provider_reference: invoice.id ?? invoiceId };
    }
    return { outcome: 'failed', failure_code: null, provider_reference: invoice.id ?? invoiceId };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      return {
        outcome: 'failed',
        failure_code: error.decline_code ?? error.code ?? null,
        provider_reference: error.requestId ?? null,
      };
    }
    if (error instanceof Stripe.errors.StripeAuthenticationError) {
      throw new AppError('invalid_input', 'Stripe refused the API key of the payment provider settings');
    }
    throw error;
  }
}
