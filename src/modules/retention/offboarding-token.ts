import { createHmac, timingSafeEqual } from 'node:crypto';

export type TOffboardingClaims = { workspaceId: string; accountId: string; contactId: string | null };

/**
 * `<payload>.<mac>`: the payload is base64url JSON `[workspace, account, contact]`, the mac HMAC-SHA256 of
 * the payload text under the workspace's secret. The workspace travels in clear because the public page
 * has no other way to find whose secret to check with; changing any byte breaks the mac.
 */
export function signOffboardingToken(claims: TOffboardingClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify([claims.workspaceId, claims.accountId, claims.contactId]),
  ).toString('base64url');
  return `${payload}.${macOf(payload, secret)}`;
}

/** The claims a token states, before its mac is checked (null when it is not even shaped like one). */
export function readOffboardingClaims(token: string): TOffboardingClaims | null {
  const [payload, mac, ...rest] = token.split('.');
  if (!payload || !mac || rest.length > 0) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [workspaceId, accountId, contactId] = value;
    if (typeof workspaceId !== 'string' || typeof accountId !== 'string') return null;
    if (contactId !== null && typeof contactId !== 'string') return null;
    return { workspaceId, accountId, contactId };
  } catch {
    return null;
  }
}

/** Whether the token's mac is right for `secret` (compared in constant time). */
export function isOffboardingTokenValid(token: string, secret: string): boolean {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return false;
  const expected = Buffer.from(macOf(payload, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function macOf(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
