import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { importPaths } from '../src/modules/imports/import-paths.ts';
import { USAGE_FIXTURE, writeImportDir } from '../src/modules/usage/usage-fixture.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';
import { engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  await ensureWorkspace({ db: store.db, workspaceId: 'ws-a', timezone: 'Europe/Paris' });
  await importPaths({ store, workspaceId: 'ws-a', paths: [writeImportDir(USAGE_FIXTURE)] });
  // Workspace B: the same account id with other numbers, and an account A does not have.
  await importPaths({
    store,
    workspaceId: 'ws-b',
    paths: [
      writeImportDir({
        'accounts.csv': ['id,name', 'acme,Acme B', 'only-b,Only B'],
        'events.csv': [
          'id,account_id,name,occurred_at,quantity',
          'b1,acme,report_exported,2024-02-20T12:00:00Z,777',
          'b2,only-b,login,2024-02-20T12:00:00Z,1',
        ],
      }),
    ],
  });
  keyA = (await createApiKey({ db: store.db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db: store.db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

async function json(path: string, key: string | undefined, status = 200) {
  const response = await app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  expect(response.status).toBe(status);
  return response.json() as Promise<any>;
}

describe(`usage API (${engineName})`, () => {
  it("answers each workspace's usage summaries with its own key only", async () => {
    const a = await json('/v1/usage?at=2024-03-01', keyA);
    expect(a).toMatchObject({
      at: '2024-03-01',
      key_features: ['dashboard_viewed', 'export_csv', 'report_exported'],
      total: 4,
    });
    expect(a.accounts.map((r: any) => r.account_id)).toEqual(['acme', 'globex', 'initech', 'umbrella']);
    expect(a.accounts[0]).toEqual({
      account_id: 'acme',
      account_name: 'Acme',
      active_users_7d: 2,
      active_users_30d: 3,
      events_30d: 4,
      events_prev_30d: 5,
      trend_30d: -0.2,
      days_since_last_activity: 0,
      adoption_breadth: 0.666667,
      seat_utilisation: 0.75,
    });
    const b = await json('/v1/usage?at=2024-03-01&account_id=acme', keyB);
    expect(b).toMatchObject({ total: 1, key_features: ['report_exported'] });
    expect(b.accounts).toEqual([expect.objectContaining({ account_name: 'Acme B', events_30d: 777 })]);
    await json('/v1/usage?account_id=only-b', keyA, 404);
    await json('/v1/usage', undefined, 401);
  });

  it('pages accounts by id', async () => {
    const page = await json('/v1/usage?at=2024-03-01&limit=2&offset=1', keyA);
    expect(page.total).toBe(4);
    expect(page.accounts.map((r: any) => r.account_id)).toEqual(['globex', 'initech']);
    await json('/v1/usage?limit=0', keyA, 400);
  });

  it("answers an account's daily usage in its own workspace only", async () => {
    const a = await json('/v1/accounts/acme/usage/daily?from=2024-03-01&to=2024-03-01', keyA);
    expect(a.days).toEqual([
      { date: '2024-03-01', events: 2, active_users: 1, by_name: { report_exported: 2, social_mention: 1 } },
    ]);
    const b = await json('/v1/accounts/acme/usage/daily?from=2024-02-20&to=2024-02-20', keyB);
    expect(b.days[0]).toMatchObject({ events: 777, by_name: { report_exported: 777 } });
    const error = await json('/v1/accounts/only-b/usage/daily?from=2024-02-20&to=2024-02-20', keyA, 404);
    expect(error.error.code).toBe('not_found');
    await json('/v1/accounts/acme/usage/daily?from=2024-02-30&to=2024-03-01', keyA, 400);
    await json('/v1/accounts/acme/usage/daily?from=2024-03-01&to=2024-03-01', undefined, 401);
  });

  it('documents both routes under the usage tag', async () => {
    const doc = await json('/v1/openapi.json', undefined);
    expect(doc.paths['/v1/usage'].get.tags).toEqual(['usage']);
    expect(doc.paths['/v1/accounts/{id}/usage/daily'].get.tags).toEqual(['usage']);
  });
});
