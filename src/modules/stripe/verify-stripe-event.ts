import Stripe from 'stripe';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

export type TVerifiedStripeEvent = {
  workspaceId: string;
  event: { id: string; type: string; created: number; data: { object: unknown } };
};

const TOLERANCE_SECONDS = 300;

/**
 * Finds whose event this is and proves it came from Stripe: the signature must verify with the webhook
 * secret of the workspace named in the URL or, without one, of exactly one workspace. Verification runs on
 * the raw body text (the official library's `constructEvent`): JSON parsed and serialised again would not
 * verify. Every failure is the same `invalid_input`, so the public route reveals no workspace.
 */
export async function verifyStripeEvent({
  db,
  rawBody,
  signature,
  workspaceId,
  now = new Date(),
}: {
  db: TDb;
  rawBody: string;
  signature: string | undefined;
  workspaceId?: string;
  now?: Date;
}): Promise<TVerifiedStripeEvent> {
  if (!signature) throw new AppError('invalid_input', 'missing Stripe-Signature header');
  const candidates = await db
    .selectFrom('stripe_settings')
    .select(['workspace_id', 'webhook_secret'])
    .$if(workspaceId !== undefined, (qb) => qb.where('workspace_id', '=', workspaceId!))
    .execute();
  const matches: TVerifiedStripeEvent[] = [];
  for (const candidate of candidates) {
    try {
      const event = Stripe.webhooks.constructEvent(
        rawBody,
        signature,
        candidate.webhook_secret,
        TOLERANCE_SECONDS,
        undefined,
        now.getTime(),
      );
      matches.push({ workspaceId: candidate.workspace_id, event });
    } catch {
      // Not this workspace's secret (or a forged, altered or stale request): try the next.
    }
  }
  if (matches.length !== 1) {
    throw new AppError(
      'invalid_input',
      matches.length === 0
        ? 'invalid Stripe signature: check the webhook signing secret (PUT /v1/stripe) and send the raw body'
        : 'the signature verifies for several workspaces: add ?workspace=<id> to the webhook URL',
    );
  }
  return matches[0]!;
}
