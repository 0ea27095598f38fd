import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBrowser, signIn, type TBrowser } from '../../../test/helpers/sessions.ts';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { createApp } from '../../http/app.ts';
import { todayIn } from '../../http/today-in.ts';
import type { TRole } from '../users/roles.ts';
import { insertUser, TEST_PASSWORD } from '../users/test-factories.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { createScorecard } from './create-scorecard.ts';
import { insertAccount, insertLogins, insertTicket, TEST_SCORECARD } from './health-test-factories.ts';
import { previewScorecard } from './preview-scorecard.ts';
import { recomputeHealth } from './recompute-health.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

const W = 'preview-a';
const OTHER = 'preview-b';
let store: TStore;
let app: ReturnType<typeof createApp>;
const browsers = {} as Record<TRole, TBrowser>;
let browserB: TBrowser;

const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** Logins weigh three times open tickets, and green starts at 60 instead of 70. */
const DRAFT: TScorecardDefinition = {
  name: 'Draft',
  bands: { red_below: 40, green_from: 60 },
  measures: [
    { ...TEST_SCORECARD.measures[0]!, weight: 1 },
    { ...TEST_SCORECARD.measures[1]!, weight: 3 },
  ],
};

/**
 * Today, under the test scorecard (open tickets: 4 → 0 … 0 → 100; logins in 7 days: 0 → 0 … 10 → 100;
 * equal weights; red below 40, green from 70), stored by a recompute:
 *   a1  7 logins, 2 open tickets  → 70, 50 → 60    yellow
 *   a2 35 logins, none open       → 100, 100 → 100 green
 *   a3  no logins, none open      → 0, 100 → 50    yellow
 *   a4  3 logins, 3 open          → 30, 25 → 27.5  red
 *   a5  5 logins, 4 open          → 50, 0 → 25     red
 * Under DRAFT ((3 × logins + tickets) / 4; green from 60): a1 65 green, a2 100 green, a3 25 red,
 * a4 28.8 red, a5 37.5 red: a1 yellow → green, a3 yellow → red.
 */
beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  const db = store.db;
  await createTestWorkspace(store, W);
  await createTestWorkspace(store, OTHER);
  const today = todayIn((await getWorkspace({ db, workspaceId: W })).timezone);
  await createScorecard({ db, workspaceId: W, id: 'main', definition: TEST_SCORECARD, isDefault: true });
  for (const [id, name] of [
    ['a1', 'Acme'],
    ['a2', 'Initech'],
    ['a3', 'Hooli'],
    ['a4', 'Umbrella'],
    ['a5', 'Stark'],
  ]) {
    await insertAccount(db, W, id!, name);
  }
  const logins = (account: string, days: number, quantity: number) =>
    insertLogins(db, W, account, { from: daysBefore(today, days - 1), to: today, quantity });
  await logins('a1', 7, 1);
  await logins('a2', 7, 5);
  await logins('a4', 3, 1);
  await logins('a5', 5, 1);
  const open = async (account: string, n: number) => {
    for (let i = 0; i < n; i++) await insertTicket(db, W, account, { openedAt: daysBefore(today, 3) });
  };
  await open('a1', 2);
  await open('a4', 3);
  await open('a5', 4);
  await recomputeHealth({ db, workspaceId: W });

  await createScorecard({ db, workspaceId: OTHER, id: 'secret', definition: DRAFT, isDefault: true });
  await insertAccount(db, OTHER, 'b1', 'Globex');
  await recomputeHealth({ db, workspaceId: OTHER });

  for (const role of ['viewer', 'csm', 'manager', 'admin'] as const) {
    const user = await insertUser(db, { workspaceId: W, role });
    browsers[role] = await signIn(app, { workspace: W, email: user.email, password: TEST_PASSWORD });
  }
  const adminB = await insertUser(db, { workspaceId: OTHER, role: 'admin' });
  browserB = await signIn(app, { workspace: OTHER, email: adminB.email, password: TEST_PASSWORD });
});
afterAll(() => store.close());

async function counts() {
  const count = (table: 'health_scores' | 'lifecycle_events' | 'health_scorecards') =>
    store.db
      .selectFrom(table)
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  return {
    scores: (await count('health_scores')).n,
    events: (await count('lifecycle_events')).n,
    scorecards: (await count('health_scorecards')).n,
  };
}

describe(`previewScorecard (${engineName})`, () => {
  it('counts bands, band changes and movers of a draft against the scores stored today', async () => {
    const before = await counts();
    const preview = await previewScorecard({ db: store.db, workspaceId: W, definition: DRAFT });
    expect(preview).toMatchObject({
      population: 5,
      sampled: false,
      sample_size: 5,
      compared_with: { kind: 'stored' },
      unscored: { current: 0, draft: 0 },
      mean_score: { current: 52.5, draft: 51.3 },
    });
    expect(preview.bands.map((b) => [b.band, b.current.count, b.draft.count])).toEqual([
      ['red', 2, 3],
      ['yellow', 2, 0],
      ['green', 1, 2],
    ]);
    expect(preview.bands[0]!.draft.share).toBe(0.6);
    expect(preview.band_changes.total).toBe(2);
    expect(preview.band_changes.matrix.yellow).toEqual({ red: 1, yellow: 0, green: 1, none: 0 });
    expect(preview.band_changes.matrix.red.red).toBe(2);
    expect(preview.movers.up.map((m) => [m.name, m.current_score, m.draft_score, m.change])).toEqual([
      ['Stark', 25, 37.5, 12.5],
      ['Acme', 60, 65, 5],
      ['Umbrella', 27.5, 28.8, 1.3],
    ]);
    expect(preview.movers.down).toEqual([
      {
        account_id: 'a3',
        name: 'Hooli',
        current_score: 50,
        current_band: 'yellow',
        draft_score: 25,
        draft_band: 'red',
        change: -25,
      },
    ]);
    expect(preview.measures.map((m) => [m.key, m.nominal_share, m.effective_share, m.no_data])).toEqual([
      ['open_tickets', 0.25, 0.25, 0],
      ['logins', 0.75, 0.75, 0],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('reports a measure without data, its weight shared by the others, and accounts left unscored', async () => {
    const withNps: TScorecardDefinition = {
      ...TEST_SCORECARD,
      measures: [
        ...TEST_SCORECARD.measures,
        {
          key: 'nps',
          label: 'NPS',
          metric: 'nps_latest',
          weight: 2,
          rule: { type: 'linear', worst: 0, best: 10 },
        },
      ],
    };
    const same = await previewScorecard({ db: store.db, workspaceId: W, definition: withNps });
    // No account answered NPS: every score stays what it is, and NPS's half of the weight goes to the others.
    expect(same.band_changes.total).toBe(0);
    expect(same.movers).toEqual({ up: [], down: [] });
    expect(same.measures.map((m) => [m.key, m.nominal_share, m.effective_share, m.no_data])).toEqual([
      ['open_tickets', 0.25, 0.5, 0],
      ['logins', 0.25, 0.5, 0],
      ['nps', 0.5, 0, 5],
    ]);

    const npsOnly: TScorecardDefinition = { ...withNps, measures: [withNps.measures[2]!] };
    const none = await previewScorecard({ db: store.db, workspaceId: W, definition: npsOnly });
    expect(none.unscored).toEqual({ current: 0, draft: 5 });
    expect(none.mean_score.draft).toBeNull();
    expect(none.band_changes.matrix.red.none + none.band_changes.matrix.yellow.none).toBe(4);
    expect(none.band_changes.matrix.green.none).toBe(1);
    expect(none.bands.every((b) => b.draft.share === null)).toBe(true);
  });

  it('compares with another scorecard computed from the same data when asked', async () => {
    await createScorecard({ db: store.db, workspaceId: W, id: 'logins-heavy', definition: DRAFT });
    const preview = await previewScorecard({
      db: store.db,
      workspaceId: W,
      definition: DRAFT,
      scorecardId: 'logins-heavy',
    });
    expect(preview.compared_with).toEqual({
      kind: 'scorecard',
      id: 'logins-heavy',
      version: 1,
      name: 'Draft',
    });
    expect(preview.band_changes.total).toBe(0);
    expect(preview.mean_score).toEqual({ current: 51.3, draft: 51.3 });
  });

  it('scores a stable sample of the accounts with the smallest hash of their id when there are more', async () => {
    const md5 = (id: string) => createHash('md5').update(id).digest('hex');
    const expected = ['a1', 'a2', 'a3', 'a4', 'a5'].sort((a, b) => md5(a).localeCompare(md5(b))).slice(0, 2);
    const draftScore: Record<string, number> = { a1: 65, a2: 100, a3: 25, a4: 28.8, a5: 37.5 };
    const first = await previewScorecard({ db: store.db, workspaceId: W, definition: DRAFT, sampleSize: 2 });
    const again = await previewScorecard({ db: store.db, workspaceId: W, definition: DRAFT, sampleSize: 2 });
    expect(first).toEqual(again);
    expect(first).toMatchObject({ sampled: true, sample_size: 2, population: 5 });
    const mean = Math.round(((draftScore[expected[0]!]! + draftScore[expected[1]!]!) / 2) * 10) / 10;
    expect(first.mean_score.draft).toBe(mean);
    const movers = [...first.movers.up, ...first.movers.down].map((m) => m.account_id);
    expect(movers.every((id) => expected.includes(id))).toBe(true);
  });

  it('previews only the accounts a scorecard applies to', async () => {
    await store.db
      .insertInto('account_profiles')
      .values({ workspace_id: W, account_id: 'a3', tier: 'core', stage: 'onboarding' })
      .execute();
    const preview = await previewScorecard({
      db: store.db,
      workspaceId: W,
      definition: DRAFT,
      appliesTo: { stage: 'onboarding' },
    });
    expect(preview.population).toBe(1);
    expect(preview.movers.down.map((m) => m.account_id)).toEqual(['a3']);
    await store.db.deleteFrom('account_profiles').where('workspace_id', '=', W).execute();
  });
});

describe(`POST /v1/health/scorecards/preview (${engineName})`, () => {
  const send = (browser: TBrowser, body: unknown) =>
    app.request('/v1/health/scorecards/preview', asBrowser(browser, 'POST', body));

  it('answers a manager and an admin, without a name, and stores nothing', async () => {
    const before = await counts();
    const { name: _name, ...unnamed } = DRAFT;
    for (const role of ['manager', 'admin'] as const) {
      const response = await send(browsers[role], unnamed);
      expect(response.status, role).toBe(200);
      const body = (await response.json()) as any;
      expect(body.band_changes.total).toBe(2);
      expect(body.movers.down[0].name).toBe('Hooli');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses viewers and CSMs with 403', async () => {
    for (const role of ['viewer', 'csm'] as const) {
      const response = await send(browsers[role], DRAFT);
      expect(response.status, role).toBe(403);
      expect(((await response.json()) as any).error.message).toContain('needs the manager role');
    }
  });

  it('answers 400 naming the invalid field of the draft or of the options', async () => {
    const bad = await send(browsers.manager, {
      ...DRAFT,
      measures: [{ ...DRAFT.measures[0]!, weight: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toContain('measures.0.weight');
    const bands = await send(browsers.manager, { ...DRAFT, bands: { red_below: 80, green_from: 60 } });
    expect(((await bands.json()) as any).error.message).toContain('bands.green_from');
    const option = await send(browsers.manager, { ...DRAFT, backtest: 'yes' });
    expect(option.status).toBe(400);
    expect(((await option.json()) as any).error.message).toContain('backtest');
  });

  it("keeps workspaces apart: B previews only its own accounts and cannot compare with A's scorecard", async () => {
    const response = await send(browserB, DRAFT);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.population).toBe(1);
    expect(JSON.stringify(body)).not.toMatch(/Acme|Hooli|a1/);
    const foreign = await send(browserB, { ...DRAFT, scorecard_id: 'main' });
    expect(foreign.status).toBe(404);
  });
});
