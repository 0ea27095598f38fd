import { createHash } from 'node:crypto';

/**
 * The stored form of an API key. A key carries 256 random bits, so guessing or brute-forcing it from its
 * hash is infeasible and a fast hash (sha256) is the right choice: a slow password hash (scrypt, argon2)
 * protects low-entropy secrets and would only add latency to every request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
