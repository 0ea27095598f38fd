import type { Context } from 'hono';

/**
 * The peer's address, for login rate limiting. `X-Forwarded-For` is not trusted: anyone could send a new
 * one with each guess. Behind a reverse proxy every client shares the proxy's address (and its per-address
 * limit); the per-email limit still applies to each account. In-process requests (tests) have no socket.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
