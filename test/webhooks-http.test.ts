import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { verifyWebhookSignature } from '../src/modules/webhooks/verify-webhook-signature.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

describe(`webhooks API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let keyA: string;
  let keyB: string;
  let server: http.Server;
  let url: string;
  const bodies: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    store = await openTestStore();
    for (const ws of ['wh-a', 'wh-b']) await createTestWorkspace(store, ws);
    keyA = (await createApiKey({ db: store.db, workspaceId: 'wh-a', name: 'a' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'wh-b', name: 'b' })).key;
    app = createApp({ store });
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenure`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  it('creates an endpoint, shows its secret once, updates, lists and deletes it', async () => {
    const created = await call(keyA, 'POST', '/v1/webhooks', { url, event_types: ['task.created'] });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_/);
    const id = created.json.id as string;
    const shown = await call(keyA, 'GET', `/v1/webhooks/${id}`);
    expect(shown.json).toMatchObject({ id, url, event_types: ['task.created'], is_enabled: true });
    expect(shown.json.secret).toBeUndefined();
    const updated = await call(keyA, 'PATCH', `/v1/webhooks/${id}`, { event_types: [], description: 'all' });
    expect(updated.json).toMatchObject({ event_types: [], description: 'all' });
    expect((await call(keyA, 'GET', '/v1/webhooks')).json.webhooks).toHaveLength(1);
    expect((await call(keyA, 'DELETE', `/v1/webhooks/${id}`)).json).toEqual({ id, deleted: true });
    expect((await call(keyA, 'GET', `/v1/webhooks/${id}`)).status).toBe(404);
  });

  it('rejects a URL that is not http(s)', async () => {
    const response = await call(keyA, 'POST', '/v1/webhooks', { url: 'file:///etc/passwd' });
    expect(response.status).toBe(400);
  });

  it("hides another workspace's endpoints (404)", async () => {
    const { json } = await call(keyA, 'POST', '/v1/webhooks', { url });
    for (const [method, path] of [
      ['GET', `/v1/webhooks/${json.id}`],
      ['PATCH', `/v1/webhooks/${json.id}`],
      ['DELETE', `/v1/webhooks/${json.id}`],
      ['GET', `/v1/webhooks/${json.id}/deliveries`],
      ['POST', `/v1/webhooks/${json.id}/test`],
    ] as const) {
      const response = await call(keyB, method, path, method === 'PATCH' ? { description: 'x' } : undefined);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect((await call(keyB, 'GET', '/v1/webhooks')).json.webhooks).toEqual([]);
  });

  it('sends a signed ping and shows the delivery with its attempt', async () => {
    const created = await call(keyA, 'POST', '/v1/webhooks', { url, event_types: ['task.created'] });
    const id = created.json.id as string;
    const test = await call(keyA, 'POST', `/v1/webhooks/${id}/test`);
    expect(test).toMatchObject({ status: 202, json: { event_type: 'ping' } });
    const now = new Date();
    await runDueJobs({ store, now, names: ['webhooks.deliver'] });
    const received = bodies.find((b) => b.headers['tenure-delivery'] === test.json.delivery_id)!;
    expect(received.headers['tenure-event']).toBe('ping');
    expect(
      verifyWebhookSignature({
        secret: created.json.secret,
        header: received.headers['tenure-signature'] as string,
        body: received.body,
        now,
      }),
    ).toBe(true);
    const { json } = await call(keyA, 'GET', `/v1/webhooks/${id}/deliveries`);
    expect(json.deliveries).toHaveLength(1);
    expect(json.deliveries[0]).toMatchObject({
      id: test.json.delivery_id,
      status: 'delivered',
      attempt_count: 1,
      attempts: [{ attempt: 1, status_code: 204, error: null }],
    });
  });

  it('lists the routes in the OpenAPI document', async () => {
    const response = await app.request('/v1/openapi.json');
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/v1/webhooks',
      '/v1/webhooks/{id}',
      '/v1/webhooks/{id}/deliveries',
      '/v1/webhooks/{id}/test',
      '/v1/stripe',
      '/v1/integrations/stripe/webhook',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
