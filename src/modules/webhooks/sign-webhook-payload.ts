import { createHmac } from 'node:crypto';

/**
 * The `Tenure-Signature` header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp is signed with the body so a captured request cannot be replayed later (the receiver
 * rejects old timestamps); the scheme is Stripe's, which receivers often already know.
 */
export function signWebhookPayload({
  secret,
  body,
  timestamp,
}: {
  secret: string;
  /** The exact bytes sent, as text: a re-serialized object would not verify. */
  body: string;
  /** Unix seconds. */
  timestamp: number;
}): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
