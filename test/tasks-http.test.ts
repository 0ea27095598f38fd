import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { insertAccounts } from '../src/modules/segments/test-factories.ts';
import { insertUser, TEST_PASSWORD } from '../src/modules/users/test-factories.ts';
import { asBrowser, signIn, type TBrowser } from './helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

describe(`tasks API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let keyA: string;
  let keyB: string;
  let csm: TBrowser;
  let viewer: TBrowser;
  const csmEmail = 'carla@example.com';
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const browse = async (browser: TBrowser, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, asBrowser(browser, method, body));
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    store = await openTestStore();
    for (const ws of ['tasks-a', 'tasks-b']) await createTestWorkspace(store, ws);
    await insertAccounts(store.db, 'tasks-a', [
      { id: 'acme', name: 'Acme', ownerEmail: csmEmail },
      { id: 'globex', name: 'Globex' },
    ]);
    await insertAccounts(store.db, 'tasks-b', [{ id: 'acme', name: 'B Acme' }]);
    keyA = (await createApiKey({ db: store.db, workspaceId: 'tasks-a', name: 'a' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'tasks-b', name: 'b' })).key;
    app = createApp({ store });
    await insertUser(store.db, { workspaceId: 'tasks-a', role: 'csm', email: csmEmail });
    csm = await signIn(app, { workspace: 'tasks-a', email: csmEmail, password: TEST_PASSWORD });
    const v = await insertUser(store.db, { workspaceId: 'tasks-a', role: 'viewer' });
    viewer = await signIn(app, { workspace: 'tasks-a', email: v.email, password: TEST_PASSWORD });
  });
  afterAll(() => store.close());

  it("creates a task owned by the account's owner, and once per idempotency key", async () => {
    const body = {
      account_id: 'acme',
      title: 'Call about renewal',
      due_on: '2030-01-10',
      idempotency_key: 'k1',
    };
    const first = await call(keyA, 'POST', '/v1/tasks', body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      account_id: 'acme',
      owner_email: csmEmail,
      status: 'open',
      priority: 'normal',
      source: 'manual',
      completed_at: null,
    });
    const again = await call(keyA, 'POST', '/v1/tasks', { ...body, title: 'Another title' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const unassigned = await call(keyA, 'POST', '/v1/tasks', { account_id: 'globex', title: 'Intro' });
    expect(unassigned.json.owner_email).toBeNull();
    expect((await call(keyA, 'POST', '/v1/tasks', { account_id: 'nope', title: 'x' })).status).toBe(404);
    const bad = await call(keyA, 'POST', '/v1/tasks', {
      account_id: 'acme',
      title: 'x',
      due_on: '2030-02-30',
    });
    expect(bad.status).toBe(400);
  });

  it('completes and reopens a task: completed_at follows the status', async () => {
    const task = (await call(keyA, 'POST', '/v1/tasks', { account_id: 'acme', title: 'QBR deck' })).json;
    const done = await call(keyA, 'PATCH', `/v1/tasks/${task.id}`, { status: 'done', priority: 'high' });
    expect(done.json).toMatchObject({ status: 'done', priority: 'high' });
    expect(done.json.completed_at).not.toBeNull();
    const doneAgain = await call(keyA, 'PATCH', `/v1/tasks/${task.id}`, { status: 'done' });
    expect(doneAgain.json.completed_at).toBe(done.json.completed_at);
    const reopened = await call(keyA, 'PATCH', `/v1/tasks/${task.id}`, {
      status: 'in_progress',
      owner_email: null,
      due_on: '2030-03-01',
    });
    expect(reopened.json).toMatchObject({ status: 'in_progress', completed_at: null, owner_email: null });
    expect((await call(keyA, 'GET', `/v1/tasks/${task.id}`)).json.due_on).toBe('2030-03-01');
  });

  it('lists my tasks by due date then priority, filters overdue, and counts the queues', async () => {
    const mk = (title: string, due_on: string, priority = 'normal', account_id = 'acme') =>
      browse(csm, 'POST', '/v1/tasks', { account_id, title, due_on, priority });
    await mk('late low', '2020-01-05', 'low');
    await mk('late urgent', '2020-01-05', 'urgent');
    await mk('today', '2031-06-15');
    const mine = await browse(csm, 'GET', '/v1/tasks?owner=me&status=open&limit=2');
    expect(mine.status).toBe(200);
    expect(mine.json.total).toBe(4);
    expect(mine.json.tasks.map((t: { title: string }) => t.title)).toEqual(['late urgent', 'late low']);
    const overdue = await browse(csm, 'GET', '/v1/tasks?owner=me&overdue=true');
    expect(overdue.json.total).toBe(2);
    const queues = await call(keyA, 'GET', '/v1/tasks/queues?date=2031-06-15');
    // Open work of carla: Call about renewal (2030-01-10), the two late ones and "today"; Globex's intro
    // and the reopened QBR deck are unassigned.
    expect(queues.json).toEqual({
      date: '2031-06-15',
      queues: [
        { owner_email: csmEmail, open: 4, overdue: 3, due_today: 1 },
        { owner_email: null, open: 2, overdue: 1, due_today: 0 },
      ],
    });
    const account = await call(keyA, 'GET', '/v1/accounts/globex/tasks');
    expect(account.json.tasks.map((t: { title: string }) => t.title)).toEqual(['Intro']);
    expect((await call(keyA, 'GET', '/v1/tasks?owner=me')).status).toBe(400);
  });

  it('lets a viewer read but not write tasks', async () => {
    const list = await browse(viewer, 'GET', '/v1/tasks');
    expect(list.status).toBe(200);
    const id = list.json.tasks[0].id;
    expect((await browse(viewer, 'POST', '/v1/tasks', { account_id: 'acme', title: 'x' })).status).toBe(403);
    expect((await browse(viewer, 'PATCH', `/v1/tasks/${id}`, { status: 'done' })).status).toBe(403);
  });

  it("keeps workspace B away from A's tasks", async () => {
    const task = (await call(keyA, 'GET', '/v1/tasks?limit=1')).json.tasks[0];
    expect((await call(keyB, 'GET', '/v1/tasks')).json).toMatchObject({ total: 0, tasks: [] });
    expect((await call(keyB, 'GET', `/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await call(keyB, 'PATCH', `/v1/tasks/${task.id}`, { status: 'done' })).status).toBe(404);
    expect((await call(keyB, 'GET', '/v1/accounts/globex/tasks')).status).toBe(404);
    expect((await call(keyB, 'GET', '/v1/tasks/queues')).json.queues).toEqual([]);
    const same = await call(keyB, 'POST', '/v1/tasks', {
      account_id: 'acme',
      title: 'B',
      idempotency_key: 'k1',
    });
    expect(same.status).toBe(201);
    expect(same.json.id).not.toBe(task.id);
  });
});
