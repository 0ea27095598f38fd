/** The dashboard's one door to the server: /v1 with the session cookie, and the CSRF token on changes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Set from the login answer or GET /v1/auth/me; every change must carry it (src/http/authenticate.ts). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type TQuery = Record<string, string | number | undefined>;

function withQuery(path: string, query?: TQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api<T>(
  path: string,
  { method = 'GET', query, body }: { method?: string; query?: TQuery; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(withQuery(path, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'error',
      data?.error?.message ?? response.statusText,
    );
  }
  return data as T;
}
