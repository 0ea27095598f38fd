import { expect } from 'vitest';
import type { createApp } from '../../src/http/app.ts';

type TApp = ReturnType<typeof createApp>;

/** A signed-in browser: the session cookie and the CSRF token that login returned. */
export type TBrowser = { cookie: string; csrf: string };

/** Node's socket as @hono/node-server passes it, so that a test chooses the caller's address. */
export const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Signs in through POST /v1/auth/login and keeps what a browser keeps. */
export async function signIn(
  app: TApp,
  credentials: { workspace: string; email: string; password: string },
): Promise<TBrowser> {
  const response = await app.request('/v1/auth/login', postJson(credentials));
  expect(response.status).toBe(200);
  const cookie = /tenure_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeDefined();
  const body = (await response.json()) as { csrf_token: string };
  return { cookie: `tenure_session=${cookie}`, csrf: body.csrf_token };
}

/** A request as the browser would send it: the cookie always, the CSRF header unless `csrf` is false. */
export function asBrowser(
  browser: TBrowser,
  method: string,
  body?: unknown,
  { csrf = true }: { csrf?: boolean } = {},
): RequestInit {
  const headers: Record<string, string> = { cookie: browser.cookie };
  if (csrf) headers['x-csrf-token'] = browser.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
