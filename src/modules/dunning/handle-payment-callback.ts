import { z } from 'zod';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { verifyWebhookSignature } from '../webhooks/verify-webhook-signature.ts';
import { applyAttemptResult } from './apply-attempt-result.ts';

export const ZPaymentCallback = z.object({
  case_id: z.string(),
  attempt: z.number().int().min(1),
  outcome: z.enum(['succeeded', 'failed']),
  failure_code: z.string().nullable().optional(),
  provider_reference: z.string().nullable().optional(),
  idempotency_key: z.string().optional(),
});

/**
 * A generic provider's later answer to a retry it accepted with 202: verified with the workspace's
 * `http_secret` (`Tenure-Signature` over the raw body, 5 minutes' tolerance), then recorded like a
 * synchronous answer. Every verification failure is the same 401 (an unknown workspace included), so the
 * endpoint tells a prober nothing. Replays are harmless: a settled attempt is left alone.
 */
export async function handlePaymentCallback({
  store,
  workspaceId,
  signature,
  rawBody,
  now = new Date(),
}: {
  store: TStore;
  workspaceId: string;
  signature: string | undefined;
  rawBody: string;
  now?: Date;
}): Promise<{ received: true }> {
  const settings = await store.db
    .selectFrom('payment_provider_settings')
    .select('http_secret')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const secret = settings?.http_secret;
  if (!secret || !verifyWebhookSignature({ secret, header: signature, body: rawBody, now })) {
    throw new AppError('unauthorized', 'missing or invalid Tenure-Signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError('invalid_input', 'the body is not JSON');
  }
  const parsed = ZPaymentCallback.safeParse(json);
  if (!parsed.success) throw new AppError('invalid_input', `invalid callback: ${parsed.error.message}`);
  const body = parsed.data;
  const exists = await store.db
    .selectFrom('dunning_cases')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', body.case_id)
    .executeTakeFirst();
  if (!exists) throw new AppError('not_found', `no dunning case "${body.case_id}" in this workspace`);
  await applyAttemptResult({
    store,
    workspaceId,
    caseId: body.case_id,
    attempt: body.attempt,
    now,
    result: {
      outcome: body.outcome,
      failure_code: body.failure_code ?? null,
      provider_reference: body.provider_reference ?? null,
      provider: 'http',
    },
  });
  return { received: true };
}
