import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { assertPermitted, requiredRole } from '../src/http/permissions.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../src/modules/revenue/test-factories.ts';
import type { TRole } from '../src/modules/users/roles.ts';
import { insertUser, TEST_PASSWORD } from '../src/modules/users/test-factories.ts';
import { asBrowser, signIn, type TBrowser } from './helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
const browsers = {} as Record<TRole, TBrowser>;
const ids = {} as Record<TRole, string>;
let browserB: TBrowser;
let adminIdB: string;

/** One account paying `amount` a month from January to April 2024. */
async function insertRevenue(workspaceId: string, accountId: string, amount: number) {
  await createTestWorkspace(store, workspaceId);
  for (const period of monthlyPeriods('2024-01-01', 4)) {
    await insertInvoice(store.db, { workspaceId, accountId, lines: [{ ...period, amount }] });
  }
  await recomputeMovements({ db: store.db, workspaceId });
}

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  await insertRevenue('roles-a', 'acme', 100);
  await insertRevenue('roles-b', 'globex', 7777);
  for (const role of ['viewer', 'csm', 'manager', 'admin'] as const) {
    const user = await insertUser(store.db, { workspaceId: 'roles-a', role });
    ids[role] = user.id;
    browsers[role] = await signIn(app, { workspace: 'roles-a', email: user.email, password: TEST_PASSWORD });
  }
  const adminB = await insertUser(store.db, { workspaceId: 'roles-b', role: 'admin' });
  adminIdB = adminB.id;
  browserB = await signIn(app, { workspace: 'roles-b', email: adminB.email, password: TEST_PASSWORD });
});
afterAll(() => store.close());

const send = (role: TRole, method: string, path: string, body?: unknown) =>
  app.request(path, asBrowser(browsers[role], method, body ?? (method === 'GET' ? undefined : {})));

describe(`roles (${engineName})`, () => {
  it('names the least role of every kind of route, by pattern', () => {
    const table: [string, string, TRole][] = [
      ['GET', '/v1/mrr', 'viewer'],
      ['GET', '/v1/metrics/cs', 'viewer'],
      ['GET', '/v1/health/accounts/acme', 'viewer'],
      ['GET', '/v1/health/segments', 'viewer'],
      ['GET', '/v1/segments/s1/members', 'viewer'],
      ['GET', '/v1/workspace', 'viewer'],
      ['PUT', '/v1/auth/me', 'viewer'],
      ['POST', '/v1/auth/logout', 'viewer'],
      ['POST', '/v1/tasks', 'csm'],
      ['POST', '/v1/accounts/acme/notes', 'csm'],
      ['GET', '/v1/accounts/acme/notes', 'viewer'],
      ['PATCH', '/v1/accounts/acme/notes/note_1', 'csm'],
      ['DELETE', '/v1/accounts/acme/notes/note_1', 'csm'],
      ['PUT', '/v1/accounts/notes', 'manager'],
      ['POST', '/v1/feedback/themes', 'csm'],
      ['POST', '/v1/segments', 'manager'],
      ['PUT', '/v1/segments/s1', 'manager'],
      ['DELETE', '/v1/segments/s1', 'manager'],
      ['POST', '/v1/segments/preview', 'manager'],
      ['POST', '/v1/health/scorecards', 'manager'],
      ['PUT', '/v1/health/scorecards/sc1', 'manager'],
      ['GET', '/v1/health/scorecards', 'viewer'],
      ['POST', '/v1/health/recompute', 'manager'],
      ['POST', '/v1/playbooks/p1/enrollments', 'manager'],
      ['POST', '/v1/lifecycle/classify', 'manager'],
      ['POST', '/v1/accounts', 'manager'],
      ['PUT', '/v1/accounts/acme', 'manager'],
      ['POST', '/v1/events/batch', 'manager'],
      ['POST', '/v1/invoice-lines', 'manager'],
      ['POST', '/v1/fx-rates', 'manager'],
      ['GET', '/v1/accounts/acme', 'viewer'],
      ['GET', '/v1/users', 'admin'],
      ['GET', '/v1/users/', 'admin'],
      ['PUT', '/v1/users/u1', 'admin'],
      ['GET', '/v1/api-keys', 'admin'],
      ['DELETE', '/v1/api-keys/k1', 'admin'],
      ['PUT', '/v1/workspace', 'admin'],
      ['PATCH', '/v1/workspace', 'admin'],
      ['GET', '/v1/fx-rates', 'viewer'],
      ['GET', '/v1/fx-rates/coverage', 'viewer'],
      ['GET', '/v1/fx-rates/CRC/2024-01-01', 'viewer'],
      ['DELETE', '/v1/fx-rates/CRC/2024-01-01', 'admin'],
      ['GET', '/v1/webhooks', 'admin'],
      ['GET', '/v1/usersettings', 'viewer'],
      ['POST', '/v1/playbooks', 'manager'],
      ['POST', '/v1/playbooks/dry-run', 'csm'],
      ['POST', '/v1/playbooks/p1/dry-run', 'csm'],
      ['POST', '/v1/playbooks/p1/dry-run/x', 'manager'],
      ['PUT', '/v1/dunning/policies', 'manager'],
      ['GET', '/v1/dunning/cases', 'viewer'],
      ['PUT', '/v1/payment-provider', 'admin'],
      ['GET', '/v1/jobs', 'admin'],
      ['PUT', '/v1/email-settings', 'admin'],
      ['PUT', '/v1/email-templates/win_back', 'manager'],
      ['PUT', '/v1/stripe', 'admin'],
      ['PATCH', '/v1/tasks/t1', 'csm'],
      ['PUT', '/v1/churn-reasons', 'manager'],
    ];
    expect(table.map(([method, path]) => requiredRole(method, path))).toEqual(
      table.map(([, , role]) => role),
    );
    expect(() => assertPermitted({ method: 'POST', path: '/v1/segments', role: 'csm' })).toThrow(
      'POST /v1/segments needs the manager role (you are csm)',
    );
    expect(() => assertPermitted({ method: 'POST', path: '/v1/segments', role: 'admin' })).not.toThrow();
  });

  it('enforces the roles on every kind of route over HTTP', async () => {
    // [method, path, body, least role]; for routes other engineers may not have added yet, a permitted
    // role gets past the check (any answer but 403) and a weaker one gets 403 before any route runs.
    const cases: [string, string, unknown, TRole][] = [
      ['GET', '/v1/mrr?at=2024-03-15', undefined, 'viewer'],
      ['GET', '/v1/metrics/revenue?from=2024-01&to=2024-03', undefined, 'viewer'],
      ['GET', '/v1/auth/me', undefined, 'viewer'],
      ['POST', '/v1/tasks', {}, 'csm'],
      ['POST', '/v1/accounts/acme/notes', { body: 'Called the champion' }, 'csm'],
      ['GET', '/v1/accounts/acme/notes', undefined, 'viewer'],
      ['POST', '/v1/segments', { name: 'x' }, 'manager'],
      ['POST', '/v1/health/scorecards', {}, 'manager'],
      ['POST', '/v1/accounts', { id: 'new', name: 'New' }, 'manager'],
      ['GET', '/v1/users', undefined, 'admin'],
      ['GET', '/v1/api-keys', undefined, 'admin'],
    ];
    const roles = ['viewer', 'csm', 'manager', 'admin'] as const;
    for (const [method, path, body, least] of cases) {
      for (const role of roles) {
        const response = await send(role, method, path, body);
        const isAllowed = roles.indexOf(role) >= roles.indexOf(least);
        const label = `${role} ${method} ${path}`;
        if (isAllowed) expect(response.status, label).not.toBe(403);
        else {
          expect(response.status, label).toBe(403);
          const error = ((await response.json()) as any).error;
          expect(error.code, label).toBe('forbidden');
          expect(error.message, label).toContain(`needs the ${least} role`);
        }
        if (isAllowed && method === 'GET') expect(response.status, label).toBe(200);
      }
    }
  });

  it('lets only an admin create users: manager 403, admin 201', async () => {
    const user = { email: 'new.csm@example.com', password: 'a long enough password', role: 'csm' };
    for (const role of ['viewer', 'csm', 'manager'] as const) {
      expect((await send(role, 'POST', '/v1/users', user)).status).toBe(403);
    }
    const created = await send('admin', 'POST', '/v1/users', user);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'new.csm@example.com', role: 'csm' });
    expect((await send('admin', 'POST', '/v1/users', user)).status).toBe(409);
  });

  it('lets a viewer read but never change anything', async () => {
    const writes: [string, string][] = [
      ['POST', '/v1/users'],
      ['PUT', `/v1/users/${ids.viewer}`],
      ['DELETE', `/v1/users/${ids.admin}`],
      ['POST', '/v1/api-keys'],
      ['POST', '/v1/accounts'],
      ['POST', '/v1/events/batch'],
      ['POST', '/v1/segments'],
      ['PUT', '/v1/workspace'],
      ['POST', '/v1/notes'],
      ['PATCH', '/v1/tasks/t1'],
      ['DELETE', '/v1/anything'],
    ];
    for (const [method, path] of writes) {
      expect((await send('viewer', method, path, { role: 'admin' })).status, `${method} ${path}`).toBe(403);
    }
    const viewer = await store.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', ids.viewer)
      .executeTakeFirst();
    expect(viewer?.role).toBe('viewer');
  });

  it('cannot be dodged by spelling the path differently', async () => {
    for (const path of ['/v1/users/', '/v1/%75sers', '/v1/api-keys/']) {
      expect((await send('csm', 'GET', path)).status, path).not.toBe(200);
    }
    expect((await send('csm', 'GET', '/v1/users/')).status).toBe(403);
  });

  it('applies a new role at the next request of an open session', async () => {
    expect((await send('csm', 'GET', '/v1/users')).status).toBe(403);
    expect((await send('admin', 'PUT', `/v1/users/${ids.csm}`, { role: 'admin' })).status).toBe(200);
    expect((await send('csm', 'GET', '/v1/users')).status).toBe(200);
    expect((await send('admin', 'PUT', `/v1/users/${ids.csm}`, { role: 'csm' })).status).toBe(200);
    expect((await send('csm', 'GET', '/v1/users')).status).toBe(403);
  });

  it('never removes, demotes or disables the last active admin', async () => {
    const admin = ids.admin;
    const refusals = [
      await send('admin', 'DELETE', `/v1/users/${admin}`),
      await send('admin', 'PUT', `/v1/users/${admin}`, { role: 'manager' }),
      await send('admin', 'PUT', `/v1/users/${admin}`, { disabled: true }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(((await refusals[0]!.json()) as any).error.code).toBe('conflict');
    expect((await send('admin', 'GET', '/v1/auth/me')).status).toBe(200);

    // With a second admin the first may go; the second is then the last one.
    const second = await insertUser(store.db, { workspaceId: 'roles-a', role: 'admin' });
    const other = await signIn(app, { workspace: 'roles-a', email: second.email, password: TEST_PASSWORD });
    expect((await app.request(`/v1/users/${admin}`, asBrowser(other, 'DELETE'))).status).toBe(200);
    expect((await send('admin', 'GET', '/v1/auth/me')).status).toBe(401);
    expect((await app.request(`/v1/users/${second.id}`, asBrowser(other, 'DELETE'))).status).toBe(409);
    browsers.admin = other;
    ids.admin = second.id;
  });

  it("keeps a workspace's users from another workspace's data", async () => {
    const a = await send('viewer', 'GET', '/v1/mrr?at=2024-03-15');
    expect(await a.json()).toMatchObject({ mrr: 100, customers: 1 });
    const b = await app.request('/v1/mrr?at=2024-03-15', asBrowser(browserB, 'GET'));
    expect(await b.json()).toMatchObject({ mrr: 7777, customers: 1 });
    const movements = await app.request('/v1/metrics/movements', asBrowser(browserB, 'GET'));
    expect(await movements.text()).not.toContain('acme');

    const usersB = ((await (await app.request('/v1/users', asBrowser(browserB, 'GET'))).json()) as any).users;
    expect(usersB.map((u: { id: string }) => u.id)).toEqual([adminIdB]);
    // A's user ids mean nothing in B: 404, and A's user is untouched.
    const foreign = await app.request(
      `/v1/users/${ids.viewer}`,
      asBrowser(browserB, 'PUT', { role: 'admin' }),
    );
    expect(foreign.status).toBe(404);
    expect((await app.request(`/v1/users/${ids.viewer}`, asBrowser(browserB, 'DELETE'))).status).toBe(404);
    const viewer = await store.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', ids.viewer)
      .executeTakeFirst();
    expect(viewer?.role).toBe('viewer');

    const { id: keyIdA } = await createApiKey({ db: store.db, workspaceId: 'roles-a' });
    expect((await app.request(`/v1/api-keys/${keyIdA}`, asBrowser(browserB, 'DELETE'))).status).toBe(404);
    const keysB = ((await (await app.request('/v1/api-keys', asBrowser(browserB, 'GET'))).json()) as any)
      .api_keys;
    expect(keysB).toEqual([]);
  });

  it('treats an API key as admin of its own workspace', async () => {
    const { key } = await createApiKey({ db: store.db, workspaceId: 'roles-b' });
    const created = await app.request('/v1/api-keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci' }),
    });
    expect(created.status).toBe(201);
    const me = await app.request('/v1/auth/me', { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({
      workspace: 'roles-b',
      role: 'admin',
      user: null,
      csrf_token: null,
    });
  });
});
