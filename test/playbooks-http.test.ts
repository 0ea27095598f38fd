import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';
import { insertPlaybookAccount } from './playbooks-fixture.ts';

const definition = {
  name: 'Churn risk',
  trigger: { kind: 'health_band_changed', to: ['red'] },
  conditions: { filter: 'mrr > 10' },
  steps: [
    { id: 'call', type: 'create_task', title: 'Call', due_in_days: 1, priority: 'high' },
    { id: 'done', type: 'end' },
  ],
};

describe(`playbooks API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let keyA: string;
  let keyB: string;
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
    for (const ws of ['pb-a', 'pb-b']) await createTestWorkspace(store, ws);
    await insertPlaybookAccount(store.db, 'pb-a', { id: 'acc-a' });
    await insertPlaybookAccount(store.db, 'pb-b', { id: 'acc-b' });
    keyA = (await createApiKey({ db: store.db, workspaceId: 'pb-a', name: 'a' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'pb-b', name: 'b' })).key;
    app = createApp({ store });
  });
  afterAll(() => store.close());

  it('creates, shows, lists, updates, enables, disables and deletes a playbook', async () => {
    const created = await call(keyA, 'POST', '/v1/playbooks', definition);
    expect(created).toMatchObject({ status: 201, json: { id: 'churn-risk', is_enabled: false, version: 1 } });
    expect(created.json.definition.steps[0]).toMatchObject({ owner: 'account_owner', priority: 'high' });
    expect(
      (await call(keyA, 'GET', '/v1/playbooks')).json.playbooks.map((p: { id: string }) => p.id),
    ).toEqual(['churn-risk']);
    const updated = await call(keyA, 'PUT', '/v1/playbooks/churn-risk', {
      ...definition,
      name: 'Churn risk v2',
    });
    expect(updated).toMatchObject({ status: 200, json: { name: 'Churn risk v2', version: 2 } });
    expect((await call(keyA, 'POST', '/v1/playbooks/churn-risk/enable')).json.is_enabled).toBe(true);
    expect((await call(keyA, 'POST', '/v1/playbooks/churn-risk/disable')).json.is_enabled).toBe(false);
    expect((await call(keyA, 'GET', '/v1/playbooks/churn-risk/enrollments')).json).toEqual({
      enrollments: [],
    });
    expect((await call(keyA, 'GET', '/v1/accounts/acc-a/enrollments')).json).toEqual({ enrollments: [] });
    const dryRun = await call(keyA, 'POST', '/v1/playbooks/churn-risk/dry-run');
    expect(dryRun).toMatchObject({ status: 200, json: { entering: [], skipped: [] } });
    const since = '2025-01-01T00:00:00Z';
    const dryRunSince = await call(keyA, 'POST', '/v1/playbooks/churn-risk/dry-run', { since });
    expect(dryRunSince).toMatchObject({ status: 200, json: { since: '2025-01-01T00:00:00.000Z' } });
    expect((await call(keyA, 'POST', '/v1/playbooks', definition)).status).toBe(409);
    expect((await call(keyA, 'DELETE', '/v1/playbooks/churn-risk')).json).toEqual({
      id: 'churn-risk',
      deleted: true,
    });
    expect((await call(keyA, 'GET', '/v1/playbooks/churn-risk')).status).toBe(404);
  });

  it('answers a bad definition with 400 naming the path of each bad field', async () => {
    const bad = {
      ...definition,
      steps: [
        // biome-ignore lint/suspicious/noThenProperty: a branch's target is named `then` in the definition
        { id: 'b', type: 'branch', if: 'mrr > 1', then: 'nope' },
        { id: 'w', type: 'wait', days: 0 },
      ],
    };
    const response = await call(keyA, 'POST', '/v1/playbooks', bad);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_input');
    expect(response.json.error.message).toContain('steps.1.days:');
    expect(response.json.error.message).toContain('steps.0.then: no step "nope"');
    const badFilter = await call(keyA, 'POST', '/v1/playbooks/dry-run', {
      definition: { ...definition, conditions: { filter: 'plan = "x"' } },
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.json.error.message).toMatch(/conditions\.filter: filter: unknown field "plan"/);
    const badTrigger = await call(keyA, 'POST', '/v1/playbooks', {
      ...definition,
      trigger: { kind: 'nope' },
    });
    expect(badTrigger.json.error.message).toContain('trigger.kind');
  });

  it("keeps another workspace's playbooks, enrollments and accounts out of reach (404)", async () => {
    await call(keyA, 'POST', '/v1/playbooks', { ...definition, id: 'mine' });
    for (const [method, path] of [
      ['GET', '/v1/playbooks/mine'],
      ['PUT', '/v1/playbooks/mine'],
      ['DELETE', '/v1/playbooks/mine'],
      ['POST', '/v1/playbooks/mine/enable'],
      ['GET', '/v1/playbooks/mine/enrollments'],
      ['POST', '/v1/playbooks/mine/dry-run'],
      ['GET', '/v1/accounts/acc-a/enrollments'],
    ] as const) {
      const response = await call(keyB, method, path, method === 'PUT' ? definition : undefined);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect((await call(keyB, 'GET', '/v1/playbooks')).json.playbooks).toEqual([]);
    expect((await call(keyA, 'GET', '/v1/playbooks/mine')).status).toBe(200);
  });

  it('lists templates in Spanish and creates a playbook from one', async () => {
    const templates = await call(keyA, 'GET', '/v1/playbook-templates?language=es');
    expect(templates.json.templates.find((t: { id: string }) => t.id === 'vip_at_risk_call').name).toBe(
      'VIP en riesgo: llamada',
    );
    const created = await call(keyA, 'POST', '/v1/playbooks/from-template/vip_at_risk_call', {
      language: 'es',
    });
    expect(created).toMatchObject({
      status: 201,
      json: { id: 'vip-at-risk-call', template_id: 'vip_at_risk_call', name: 'VIP en riesgo: llamada' },
    });
    expect((await call(keyA, 'POST', '/v1/playbooks/from-template/nope')).status).toBe(404);
  });

  it('reports win-back attribution and documents every route', async () => {
    const winBack = await call(keyA, 'GET', '/v1/playbooks/win-back?from=2025-01-01&to=2025-02-01');
    expect(winBack).toMatchObject({
      status: 200,
      json: { attributed: [], unattributed: [], summary: { reactivations: 0, attributed_mrr: 0 } },
    });
    expect((await call(keyA, 'GET', '/v1/playbooks/win-back?from=2025-02-01&to=2025-01-01')).status).toBe(
      400,
    );
    const doc = await call(keyA, 'GET', '/v1/openapi.json');
    for (const path of [
      '/v1/playbooks',
      '/v1/playbooks/{id}',
      '/v1/playbooks/{id}/enable',
      '/v1/playbooks/{id}/dry-run',
      '/v1/playbooks/dry-run',
      '/v1/playbooks/win-back',
      '/v1/playbook-templates',
      '/v1/playbooks/from-template/{templateId}',
      '/v1/accounts/{id}/enrollments',
    ]) {
      expect(doc.json.paths[path], path).toBeDefined();
    }
  });
});
