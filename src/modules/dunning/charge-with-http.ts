import { z } from 'zod';
import { signWebhookPayload } from '../webhooks/sign-webhook-payload.ts';
import type { TChargeResult } from './charge-result.ts';

export type TRetryRequest = {
  case_id: string;
  invoice_id: string;
  attempt: number;
  amount: number;
  currency: string;
  idempotency_key: string;
  callback_url: string;
};

const ZSyncAnswer = z.object({
  outcome: z.enum(['succeeded', 'failed']),
  failure_code: z.string().nullable().optional(),
  provider_reference: z.string().nullable().optional(),
});

/**
 * Asks a generic payment provider to retry: a signed JSON POST (`Tenure-Signature`, like Tenure webhooks).
 * 200 `{ outcome, failure_code }` is the result now; 202 means it will POST the result to `callback_url`.
 * Anything else throws, and the job retries later with the same idempotency key. The signature's time is the
 * wall clock, not the job's `now`: the receiver checks it against its own clock.
 */
export async function chargeWithHttp({
  url,
  secret,
  request,
}: {
  url: string;
  secret: string;
  request: TRetryRequest;
}): Promise<TChargeResult> {
  const body = JSON.stringify(request);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'tenure-signature': signWebhookPayload({ secret, body, timestamp: Math.floor(Date.now() / 1000) }),
      'idempotency-key': request.idempotency_key,
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status === 202) {
    await response.body?.cancel();
    return { outcome: 'pending', failure_code: null, provider_reference: null };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`the payment provider answered ${response.status} to the retry request`);
  }
  const answer = ZSyncAnswer.parse(await response.json());
  return {
    outcome: answer.outcome,
    failure_code: answer.failure_code ?? null,
    provider_reference: answer.provider_reference ?? null,
  };
}
