import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { enqueueJob } from '../src/jobs/enqueue-job.ts';
import { registerTestJob } from '../src/jobs/register-test-job.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { insertUser, TEST_PASSWORD } from '../src/modules/users/test-factories.ts';
import { asBrowser, signIn, type TBrowser } from './helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let viewer: TBrowser;
let admin: TBrowser;
let unregister: () => void;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  await createTestWorkspace(store, 'jobs-http-a');
  await createTestWorkspace(store, 'jobs-http-b');
  keyA = (await createApiKey({ db: store.db, workspaceId: 'jobs-http-a', name: 'a' })).key;
  for (const role of ['viewer', 'admin'] as const) {
    const user = await insertUser(store.db, { workspaceId: 'jobs-http-a', role });
    const browser = await signIn(app, {
      workspace: 'jobs-http-a',
      email: user.email,
      password: TEST_PASSWORD,
    });
    if (role === 'viewer') viewer = browser;
    else admin = browser;
  }
  unregister = registerTestJob({
    name: 'test.unreachable',
    schema: z.object({ url: z.string() }),
    maxAttempts: 2,
    handler: async ({ url }) => {
      throw new Error(`connect ECONNREFUSED ${url}`);
    },
  });
});
afterAll(async () => {
  unregister();
  await store.close();
});

const get = async (path: string, key = keyA) => {
  const response = await app.request(path, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
};

describe(`jobs API (${engineName})`, () => {
  it('shows a dead-lettered job with its attempts and last error, to admins only', async () => {
    const payload = { url: 'http://127.0.0.1:9' };
    await enqueueJob(store.db, {
      workspaceId: 'jobs-http-a',
      name: 'test.unreachable',
      payload,
      key: 'hook-1',
      runAt: T0,
    });
    await runDueJobs({ store, now: T0, names: ['test.unreachable'] });
    await runDueJobs({ store, now: at(30), names: ['test.unreachable'] });

    const dead = await get('/v1/jobs?status=dead');
    expect(dead.status).toBe(200);
    expect(dead.json.jobs).toEqual([
      expect.objectContaining({
        id: 'hook-1',
        name: 'test.unreachable',
        payload,
        status: 'dead',
        attempts: 2,
        max_attempts: 2,
        last_error: 'connect ECONNREFUSED http://127.0.0.1:9',
        finished_at: at(30).toISOString(),
      }),
    ]);
    expect((await get('/v1/jobs?status=queued')).json.jobs).toEqual([]);
    expect((await get('/v1/jobs/hook-1')).json).toMatchObject({ id: 'hook-1', status: 'dead' });

    const asAdmin = await app.request('/v1/jobs?status=dead', asBrowser(admin, 'GET'));
    expect(asAdmin.status).toBe(200);
    const asViewer = await app.request('/v1/jobs?status=dead', asBrowser(viewer, 'GET'));
    expect(asViewer.status).toBe(403);
    expect(((await asViewer.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await app.request('/v1/jobs/hook-1/retry', asBrowser(viewer, 'POST'))).status).toBe(403);
  });

  it('lists newest first, filtered by name, within a limit', async () => {
    await enqueueJob(store.db, {
      workspaceId: 'jobs-http-a',
      name: 'test.other',
      payload: {},
      key: 'other-1',
      runAt: at(3600),
    });
    const all = await get('/v1/jobs?limit=10');
    expect(all.json.jobs.map((j: { id: string }) => j.id)).toEqual(['other-1', 'hook-1']);
    expect((await get('/v1/jobs?name=test.other')).json.jobs).toHaveLength(1);
    expect((await get('/v1/jobs?limit=1')).json.jobs).toHaveLength(1);
    expect((await get('/v1/jobs?status=lost')).status).toBe(400);
  });

  it("retries a dead job now with its attempts reset; only a dead one; never another workspace's", async () => {
    const retried = await app.request('/v1/jobs/hook-1/retry', asBrowser(admin, 'POST'));
    expect(retried.status).toBe(200);
    const job = (await retried.json()) as { run_at: string };
    expect(job).toMatchObject({ id: 'hook-1', status: 'queued', attempts: 0, finished_at: null });
    expect(new Date(job.run_at).getTime()).toBeLessThanOrEqual(Date.now());
    const again = await app.request('/v1/jobs/hook-1/retry', asBrowser(admin, 'POST'));
    expect(again.status).toBe(409);

    await enqueueJob(store.db, {
      workspaceId: 'jobs-http-b',
      name: 'test.other',
      payload: {},
      key: 'b-only',
    });
    expect((await get('/v1/jobs/b-only')).status).toBe(404);
    expect((await app.request('/v1/jobs/b-only/retry', asBrowser(admin, 'POST'))).status).toBe(404);
    expect((await get('/v1/jobs')).json.jobs.map((j: { id: string }) => j.id)).not.toContain('b-only');
  });
});
