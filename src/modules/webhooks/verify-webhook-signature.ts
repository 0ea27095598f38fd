import { timingSafeEqual } from 'node:crypto';
import { computeSignature } from './sign-webhook-payload.ts';

/**
 * Whether `header` (`Tenure-Signature`) signs `body` with `secret` at a time within `toleranceSeconds` of
 * `now`. Every `v1=` of the header is tried (several appear while a secret is being rotated); the
 * comparison is constant-time so the signature cannot be guessed byte by byte from response times.
 */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  now,
  toleranceSeconds = 300,
}: {
  secret: string;
  header: string | null | undefined;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  return parts.some(([key, value]) => {
    if (key !== 'v1' || !value || !/^[0-9a-f]{64}$/i.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
