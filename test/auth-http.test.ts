import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { insertUser, TEST_PASSWORD } from '../src/modules/users/test-factories.ts';
import { asBrowser, fromAddress, postJson, signIn } from './helpers/sessions.ts';
import { engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
});
afterAll(() => store.close());

const login = (body: Record<string, string>, address = '198.51.100.1') =>
  app.request('/v1/auth/login', postJson(body), fromAddress(address));

describe(`sign-in, sessions and CSRF (${engineName})`, () => {
  it('offers the one-time setup only while the store has no user at all', async () => {
    expect(await (await app.request('/v1/setup')).json()).toEqual({ needs_setup: true });
    const first = await app.request(
      '/v1/setup',
      postJson({ workspace: 'setup-ws', email: 'Founder@Example.com', password: 'a long first password' }),
    );
    expect(first.status).toBe(201);
    const body = (await first.json()) as any;
    expect(body.user).toMatchObject({ email: 'founder@example.com', role: 'admin', locale: 'en' });
    expect(first.headers.get('set-cookie')).toContain('tenure_session=');
    // Signed in at once: the cookie works.
    const cookie = /tenure_session=[^;]+/.exec(first.headers.get('set-cookie')!)![0];
    const me = await app.request('/v1/auth/me', { headers: { cookie } });
    expect(((await me.json()) as any).user.email).toBe('founder@example.com');

    const again = await app.request(
      '/v1/setup',
      postJson({ workspace: 'other-ws', email: 'intruder@example.com', password: 'another long password' }),
    );
    expect(again.status).toBe(409);
    expect(await (await app.request('/v1/setup')).json()).toEqual({ needs_setup: false });
    const intruders = await store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'intruder@example.com')
      .execute();
    expect(intruders).toEqual([]);
  });

  it('signs in, tells who is signed in, and signs out', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-a', role: 'csm', email: 'ana@example.com' });
    const response = await login({ workspace: 'auth-a', email: 'ANA@example.com ', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const session = (await response.json()) as any;
    expect(session.user).toMatchObject({ id: user.id, email: 'ana@example.com', role: 'csm' });
    expect(session.user).not.toHaveProperty('password_hash');
    expect(session.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cookie = /tenure_session=[^;]+/.exec(response.headers.get('set-cookie')!)![0];
    const me = await app.request('/v1/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      workspace: 'auth-a',
      role: 'csm',
      user: session.user,
      csrf_token: session.csrf_token,
      api_key_id: null,
    });

    const out = await app.request('/v1/auth/logout', asBrowser({ cookie, csrf: session.csrf_token }, 'POST'));
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/tenure_session=;.*Max-Age=0/);
    expect((await app.request('/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    const left = await store.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie for 14 days, Secure over https', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-a', role: 'viewer' });
    const plain = await login({ workspace: 'auth-a', email: user.email, password: TEST_PASSWORD });
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tenure_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${14 * 24 * 3600}`);
    expect(cookie).not.toContain('Secure');

    const secure = await app.request(
      'https://tenure.example.com/v1/auth/login',
      postJson({ workspace: 'auth-a', email: user.email, password: TEST_PASSWORD }),
      fromAddress('198.51.100.1'),
    );
    expect(secure.status).toBe(200);
    expect(secure.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers a wrong password, an unknown email, a disabled user and an unknown workspace with one 401', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-b', role: 'admin' });
    const disabled = await insertUser(store.db, { workspaceId: 'auth-b', role: 'csm' });
    await store.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    const responses = [
      await login({ workspace: 'auth-b', email: user.email, password: 'not the password at all' }),
      await login({ workspace: 'auth-b', email: 'nobody@example.com', password: TEST_PASSWORD }),
      await login({ workspace: 'auth-b', email: disabled.email, password: TEST_PASSWORD }),
      await login({ workspace: 'no-such-ws', email: user.email, password: TEST_PASSWORD }),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({
      error: { code: 'unauthorized', message: 'invalid email or password' },
    });
    for (const response of responses) expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a sixth attempt on one email within 15 minutes, even with the right password', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-c', role: 'csm' });
    const bystander = await insertUser(store.db, { workspaceId: 'auth-c', role: 'csm' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await login({
        workspace: 'auth-c',
        email: user.email,
        password: `wrong password ${attempt}`,
      });
      expect(wrong.status).toBe(401);
    }
    const limited = await login({ workspace: 'auth-c', email: user.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.headers.get('set-cookie')).toBeNull();

    // The limit is per email: a colleague at the same address signs in.
    expect(
      (await login({ workspace: 'auth-c', email: bystander.email, password: TEST_PASSWORD })).status,
    ).toBe(200);

    // Once the failures are older than the window, the right password works again and clears them.
    await sql`update login_attempts set attempted_at = attempted_at - interval '16 minutes'
      where workspace_id = 'auth-c' and email = ${user.email}`.execute(store.db);
    expect((await login({ workspace: 'auth-c', email: user.email, password: TEST_PASSWORD })).status).toBe(
      200,
    );
  });

  it('refuses every login from an address with 50 failures in 15 minutes, stored in the database', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-d', role: 'csm' });
    const rows = Array.from({ length: 50 }, (_, i) => ({
      workspace_id: 'auth-d',
      email: `guess${i}@example.com`,
      ip: '203.0.113.9',
    }));
    await store.db.insertInto('login_attempts').values(rows.slice(0, 49)).execute();
    const credentials = { workspace: 'auth-d', email: user.email, password: TEST_PASSWORD };
    // 49 failures: still allowed (this success leaves the other emails' failures in place).
    expect((await login(credentials, '203.0.113.9')).status).toBe(200);
    await store.db.insertInto('login_attempts').values(rows.slice(49)).execute();
    const limited = await login(credentials, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(credentials, '203.0.113.10')).status).toBe(200);
  });

  it('requires X-CSRF-Token for changes made with the cookie, and not for API keys', async () => {
    const admin = await insertUser(store.db, { workspaceId: 'auth-e', role: 'admin' });
    const browser = await signIn(app, { workspace: 'auth-e', email: admin.email, password: TEST_PASSWORD });
    const newUser = (email: string) => ({ email, password: 'a long enough password', role: 'viewer' });

    const missing = await app.request(
      '/v1/users',
      asBrowser(browser, 'POST', newUser('x1@example.com'), { csrf: false }),
    );
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as any).error).toMatchObject({ code: 'forbidden' });
    const wrong = await app.request(
      '/v1/users',
      asBrowser({ ...browser, csrf: 'A'.repeat(43) }, 'POST', newUser('x2@example.com')),
    );
    expect(wrong.status).toBe(403);
    const other = await signIn(app, { workspace: 'auth-e', email: admin.email, password: TEST_PASSWORD });
    const othersToken = await app.request(
      '/v1/users',
      asBrowser({ ...browser, csrf: other.csrf }, 'POST', newUser('x3@example.com')),
    );
    expect(othersToken.status).toBe(403);
    expect(
      await store.db.selectFrom('users').select('email').where('email', 'like', 'x_@example.com').execute(),
    ).toEqual([]);

    expect(
      (await app.request('/v1/users', asBrowser(browser, 'GET', undefined, { csrf: false }))).status,
    ).toBe(200);
    const ok = await app.request('/v1/users', asBrowser(browser, 'POST', newUser('x4@example.com')));
    expect(ok.status).toBe(201);

    const { key } = await createApiKey({ db: store.db, workspaceId: 'auth-e' });
    const byKey = await app.request(
      '/v1/users',
      postJson(newUser('x5@example.com'), { authorization: `Bearer ${key}` }),
    );
    expect(byKey.status).toBe(201);
  });

  it('stores passwords only as scrypt hashes', async () => {
    const admin = await insertUser(store.db, { workspaceId: 'auth-f', role: 'admin' });
    const browser = await signIn(app, { workspace: 'auth-f', email: admin.email, password: TEST_PASSWORD });
    const password = 'plain text must never be stored';
    const created = await app.request(
      '/v1/users',
      asBrowser(browser, 'POST', { email: 'hashed@example.com', password, role: 'csm' }),
    );
    expect(created.status).toBe(201);
    expect(await created.text()).not.toContain(password);
    const row = await store.db
      .selectFrom('users')
      .select('password_hash')
      .where('workspace_id', '=', 'auth-f')
      .where('email', '=', 'hashed@example.com')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const leaks = await sql<{ n: number }>`
      select count(*)::int as n from users u where u::text like ${`%${password}%`}`.execute(store.db);
    expect(leaks.rows[0]?.n).toBe(0);
    expect((await login({ workspace: 'auth-f', email: 'hashed@example.com', password })).status).toBe(200);
    const short = await app.request(
      '/v1/users',
      asBrowser(browser, 'POST', { email: 'short@example.com', password: 'elevenchars', role: 'csm' }),
    );
    expect(short.status).toBe(400);
  });

  it('slides the expiry forward on use, and refuses an expired session', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-g', role: 'viewer' });
    const browser = await signIn(app, { workspace: 'auth-g', email: user.email, password: TEST_PASSWORD });
    await sql`update sessions set last_seen_at = now() - interval '2 days', expires_at = now() + interval '12 days'
      where user_id = ${user.id}`.execute(store.db);
    const renewed = await app.request('/v1/auth/me', { headers: { cookie: browser.cookie } });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('set-cookie')).toContain(browser.cookie);
    const { days } = await sql<{ days: number }>`
      select round(extract(epoch from expires_at - now()) / 86400)::int as days from sessions
      where user_id = ${user.id}`
      .execute(store.db)
      .then((r) => r.rows[0]!);
    expect(days).toBe(14);
    // A request within the minute does not write again.
    const quiet = await app.request('/v1/auth/me', { headers: { cookie: browser.cookie } });
    expect(quiet.headers.get('set-cookie')).toBeNull();

    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`.execute(
      store.db,
    );
    const expired = await app.request('/v1/auth/me', { headers: { cookie: browser.cookie } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      error: { code: 'unauthorized', message: 'missing or invalid API key' },
    });
  });

  it('changes your own language and password; a new password ends your other sessions', async () => {
    const user = await insertUser(store.db, { workspaceId: 'auth-h', role: 'viewer' });
    const here = await signIn(app, { workspace: 'auth-h', email: user.email, password: TEST_PASSWORD });
    const there = await signIn(app, { workspace: 'auth-h', email: user.email, password: TEST_PASSWORD });

    const spanish = await app.request('/v1/auth/me', asBrowser(here, 'PUT', { locale: 'es', name: 'Ana' }));
    expect(spanish.status).toBe(200);
    expect(await spanish.json()).toMatchObject({ locale: 'es', name: 'Ana', role: 'viewer' });

    const wrong = await app.request(
      '/v1/auth/me',
      asBrowser(here, 'PUT', { current_password: 'not my password', new_password: 'my brand new password' }),
    );
    expect(wrong.status).toBe(400);
    const changed = await app.request(
      '/v1/auth/me',
      asBrowser(here, 'PUT', { current_password: TEST_PASSWORD, new_password: 'my brand new password' }),
    );
    expect(changed.status).toBe(200);
    expect((await app.request('/v1/auth/me', { headers: { cookie: here.cookie } })).status).toBe(200);
    expect((await app.request('/v1/auth/me', { headers: { cookie: there.cookie } })).status).toBe(401);
    expect((await login({ workspace: 'auth-h', email: user.email, password: TEST_PASSWORD })).status).toBe(
      401,
    );
    expect(
      (await login({ workspace: 'auth-h', email: user.email, password: 'my brand new password' })).status,
    ).toBe(200);
  });

  it('ends the sessions of a user an admin disables', async () => {
    const admin = await insertUser(store.db, { workspaceId: 'auth-i', role: 'admin' });
    const csm = await insertUser(store.db, { workspaceId: 'auth-i', role: 'csm' });
    const adminBrowser = await signIn(app, {
      workspace: 'auth-i',
      email: admin.email,
      password: TEST_PASSWORD,
    });
    const csmBrowser = await signIn(app, { workspace: 'auth-i', email: csm.email, password: TEST_PASSWORD });
    const disabled = await app.request(
      `/v1/users/${csm.id}`,
      asBrowser(adminBrowser, 'PUT', { disabled: true }),
    );
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as any).disabled_at).not.toBeNull();
    expect((await app.request('/v1/auth/me', { headers: { cookie: csmBrowser.cookie } })).status).toBe(401);
  });
});
