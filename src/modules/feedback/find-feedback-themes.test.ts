import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findFeedbackThemes } from './find-feedback-themes.ts';
import { loadFeedbackFixture } from './test-fixture.ts';

let store: TStore;
const workspaceId = 'ws-feedback';
const march = { from: '2024-03-01', to: '2024-03-31' };

beforeAll(async () => {
  store = await openTestStore();
  await loadFeedbackFixture(store, workspaceId);
});
afterAll(() => store.close());

const themesOf = (options: Parameters<typeof findFeedbackThemes>[0]) =>
  findFeedbackThemes(options).then((result) => result.themes);

describe(`findFeedbackThemes on the bilingual fixture (${engineName})`, () => {
  it('groups English and Spanish comments into themes ranked by frequency, with exact counts', async () => {
    const result = await findFeedbackThemes({ db: store.db, workspaceId, ...march });
    // 21 survey and ticket rows: one comment is blank and one is dated April, so 19 texts are read.
    expect(result).toMatchObject({ from: '2024-03-01', to: '2024-03-31', currency: 'USD', texts: 19 });
    expect(result.languages).toEqual({ en: 9, es: 10 });
    expect(result.truncated).toBe(false);
    expect(result.themes.map((t) => [t.theme, t.count, t.languages.en, t.languages.es])).toEqual([
      ['precio', 5, 2, 3],
      ['soporte', 5, 2, 3],
      ['bugs', 3, 2, 1],
      ['reports', 2, 1, 1],
      ['slow', 2, 1, 1],
    ]);
    // The two texts made of stop words alone ("It is what it is.", "Es lo que es") join no theme.
    expect(result.themed).toBe(17);
    expect(result.themes[0]!.share).toBe(0.263158); // 5 / 19
  });

  it('stems each language with its own stemmer: precio/precios, price/prices, and caro/expensive join them', async () => {
    const [price] = await themesOf({ db: store.db, workspaceId, ...march });
    expect(price!.keywords).toEqual(['precio', 'precios', 'price', 'prices', 'caro', 'expensive']);
    expect(price!.stems).toEqual(['preci', 'price', 'car', 'expens']);
  });

  it('never makes a theme of a stop word, however often it occurs', async () => {
    const result = await findFeedbackThemes({ db: store.db, workspaceId, ...march });
    const words = result.themes.flatMap((t) => [t.theme, ...t.keywords]);
    // "is", "the", "el", "es", "los", "muy" each occur in three or more texts.
    for (const stopWord of ['is', 'the', 'it', 'what', 'el', 'es', 'los', 'lo', 'que', 'muy', 'too']) {
      expect(words).not.toContain(stopWord);
    }
  });

  it('counts promoters, passives and detractors among the NPS responses of each theme, not CSAT', async () => {
    const themes = await themesOf({ db: store.db, workspaceId, ...march });
    const nps = themes.map((t) => ({
      theme: t.theme,
      n: t.nps_responses,
      p: t.promoters,
      pa: t.passives,
      d: t.detractors,
      shares: [t.promoter_share, t.passive_share, t.detractor_share],
    }));
    expect(nps).toEqual([
      { theme: 'precio', n: 4, p: 0, pa: 2, d: 2, shares: [0, 0.5, 0.5] }, // 3, 5 | 7, 8
      { theme: 'soporte', n: 3, p: 1, pa: 1, d: 1, shares: [0.333333, 0.333333, 0.333333] }, // 6, 9, 7
      { theme: 'bugs', n: 2, p: 0, pa: 0, d: 2, shares: [0, 0, 1] }, // 2, 4
      { theme: 'reports', n: 0, p: 0, pa: 0, d: 0, shares: [null, null, null] }, // two CSAT answers
      { theme: 'slow', n: 1, p: 1, pa: 0, d: 0, shares: [1, 0, 0] }, // 10
    ]);
  });

  it("sums today's MRR of the distinct accounts that raised a theme; churned and unbilled accounts add 0", async () => {
    const themes = await themesOf({ db: store.db, workspaceId, ...march });
    // acme 100, globex 1000, hooli 50 a month; initech churned in February; umbrella never paid.
    expect(themes.map((t) => [t.theme, t.accounts, t.mrr])).toEqual([
      ['precio', 4, 150], // acme, hooli (twice), initech, umbrella
      ['soporte', 3, 1150], // acme (twice), globex (twice), hooli
      ['bugs', 3, 1150],
      ['reports', 2, 1100],
      ['slow', 2, 1100],
    ]);
  });

  it('ranks what to fix first by (detractors + passives) × MRR, among themes with both', async () => {
    const result = await findFeedbackThemes({ db: store.db, workspaceId, ...march });
    // soporte: (1 + 1) × 1150 = 2300 beats precio: (2 + 2) × 150 = 600; bugs has no passive, slow and
    // reports no detractor.
    expect(result.fix_first).toEqual([
      { theme: 'soporte', detractors: 1, passives: 1, promoters: 1, mrr: 1150, priority: 2300 },
      { theme: 'precio', detractors: 2, passives: 2, promoters: 0, mrr: 150, priority: 600 },
    ]);
  });

  it('shows the newest examples with their account, source and score', async () => {
    const [price, support] = await themesOf({ db: store.db, workspaceId, ...march });
    expect(price!.examples.map((e) => e.id)).toEqual(['t1', 's4', 's3']);
    expect(support!.examples[1]).toEqual({
      source: 'ticket',
      id: 't3',
      account_id: 'acme',
      date: '2024-03-14',
      language: 'es',
      survey: null,
      score: 2,
      text: 'Nadie respondió mi último tiquete',
    });
    expect(price!.examples[1]).toMatchObject({
      source: 'survey',
      survey: 'nps',
      score: 8,
      account_id: 'initech',
    });
  });

  it('filters by source, accounts and window, and limits the themes', async () => {
    const tickets = await findFeedbackThemes({ db: store.db, workspaceId, ...march, sources: ['tickets'] });
    expect(tickets.texts).toBe(6);
    expect(tickets.themes.map((t) => [t.theme, t.count])).toEqual([['support', 2]]);
    const globex = await findFeedbackThemes({ db: store.db, workspaceId, ...march, accountIds: ['globex'] });
    expect(globex.texts).toBe(5);
    const april = await themesOf({ db: store.db, workspaceId, from: '2024-04', to: '2024-04' });
    expect(april).toEqual([]); // one comment about price: a theme needs two
    const top2 = await themesOf({ db: store.db, workspaceId, ...march, limit: 2 });
    expect(top2.map((t) => t.theme)).toEqual(['precio', 'soporte']);
  });

  it('rejects a window that ends before it starts, and an unknown workspace', async () => {
    await expect(
      findFeedbackThemes({ db: store.db, workspaceId, from: '2024-04-01', to: '2024-03-01' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      findFeedbackThemes({ db: store.db, workspaceId: 'nobody', ...march }),
    ).rejects.toBeInstanceOf(AppError);
  });
});
