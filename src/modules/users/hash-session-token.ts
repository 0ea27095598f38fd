import { createHash } from 'node:crypto';

/** A token carries 256 random bits, so a fast hash is enough (see modules/api-keys/hash-api-key.ts). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
