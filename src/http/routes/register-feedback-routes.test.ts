import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { loadFeedbackFixture } from '../../modules/feedback/test-fixture.ts';
import { createApp } from '../app.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  await loadFeedbackFixture(store, 'ws-a');
  // Workspace B has an account with the same id as one of A's, no revenue, and complaints of its own.
  await createTestWorkspace(store, 'ws-b');
  await store.db
    .insertInto('accounts')
    .values({ workspace_id: 'ws-b', id: 'acme', name: 'Other Acme' })
    .execute();
  await store.db
    .insertInto('survey_responses')
    .values(
      ['Onboarding took forever', 'Onboarding was confusing', 'El onboarding fue largo'].map(
        (comment, i) => ({
          workspace_id: 'ws-b',
          id: `b${i}`,
          account_id: 'acme',
          survey: 'nps',
          score: 0,
          comment,
          responded_at: new Date(`2024-03-0${i + 1}T12:00:00Z`),
        }),
      ),
    )
    .execute();
  keyA = (await createApiKey({ db: store.db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db: store.db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

async function get(path: string, key: string | null, status = 200) {
  const response = await app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = (await response.json()) as any;
  expect({ status: response.status, body }).toMatchObject({ status });
  return body;
}

const MARCH = '/v1/feedback/themes?from=2024-03-01&to=2024-03-31';

describe(`GET /v1/feedback/themes (${engineName})`, () => {
  it("answers with the key's own workspace only", async () => {
    const a = await get(MARCH, keyA);
    expect(a.texts).toBe(19);
    expect(a.themes.map((t: any) => [t.theme, t.count, t.mrr])).toEqual([
      ['precio', 5, 150],
      ['soporte', 5, 1150],
      ['bugs', 3, 1150],
      ['reports', 2, 1100],
      ['slow', 2, 1100],
    ]);
    expect(a.fix_first.map((t: any) => t.theme)).toEqual(['soporte', 'precio']);
    const b = await get(MARCH, keyB);
    // B's "acme" has no revenue: A's acme (100 a month) must not leak into B's MRR.
    expect(b).toMatchObject({ texts: 3, themed: 3, languages: { en: 2, es: 1 } });
    expect(b.themes.map((t: any) => [t.theme, t.count, t.detractors, t.mrr])).toEqual([
      ['onboarding', 3, 3, 0],
    ]);
  });

  it('filters by source and account, and limits', async () => {
    const tickets = await get(`${MARCH}&source=tickets`, keyA);
    expect(tickets).toMatchObject({ sources: ['tickets'], texts: 6 });
    expect(tickets.themes.map((t: any) => [t.theme, t.count])).toEqual([['support', 2]]);
    const two = await get(`${MARCH}&account_id=acme,hooli&limit=1`, keyA);
    expect(two.themes).toHaveLength(1);
    expect(two.themes[0].examples.every((e: any) => ['acme', 'hooli'].includes(e.account_id))).toBe(true);
  });

  it('rejects bad parameters with 400 and a missing key with 401', async () => {
    await get(`${MARCH}&source=emails`, keyA, 400);
    await get('/v1/feedback/themes?from=2024-02-30', keyA, 400);
    await get('/v1/feedback/themes?from=2024-04-01&to=2024-03-01', keyA, 400);
    await get(`${MARCH}&limit=0`, keyA, 400);
    await get(MARCH, null, 401);
  });

  it('is in the OpenAPI document under the feedback tag', async () => {
    const doc = await get('/v1/openapi.json', null);
    expect(doc.paths['/v1/feedback/themes'].get.tags).toEqual(['feedback']);
  });
});
