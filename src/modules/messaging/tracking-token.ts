import { createHmac, timingSafeEqual } from 'node:crypto';

export type TTrackingPurpose = 'open' | 'click' | 'unsubscribe';
export type TTrackingClaim = {
  workspaceId: string;
  messageId: string;
  purpose: TTrackingPurpose;
  url?: string;
};

/**
 * A tracking token: base64url(JSON [workspace, message, purpose, url?]) + "." + base64url(HMAC-SHA256 of
 * that part under the workspace's tracking secret). The workspace travels in clear so the secret can be
 * found; the signature covers the target URL, so a click link cannot be turned into an open redirect.
 */
export function signTrackingToken(secret: string, claim: TTrackingClaim): string {
  const fields = [claim.workspaceId, claim.messageId, claim.purpose, ...(claim.url ? [claim.url] : [])];
  const body = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The claim of a token without checking it: only to find the workspace whose secret verifies it. */
export function readTrackingToken(token: string): TTrackingClaim | undefined {
  const [body] = token.split('.');
  try {
    const fields: unknown = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
    if (!Array.isArray(fields) || fields.length < 3 || fields.length > 4) return undefined;
    if (!fields.every((f) => typeof f === 'string')) return undefined;
    const [workspaceId, messageId, purpose, url] = fields as string[];
    if (purpose !== 'open' && purpose !== 'click' && purpose !== 'unsubscribe') return undefined;
    return { workspaceId: workspaceId!, messageId: messageId!, purpose, url };
  } catch {
    return undefined;
  }
}

export function isTrackingTokenValid(secret: string, token: string): boolean {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return false;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
