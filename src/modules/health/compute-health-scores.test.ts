import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { computeHealthScores } from './compute-health-scores.ts';
import { DEFAULT_SCORECARD } from './default-scorecard.ts';
import { ZScorecardDefinition } from './scorecard-schema.ts';

const W = 'acme-co';
let store: TStore;

const npsCard = ZScorecardDefinition.parse({
  name: 'NPS only',
  measures: [
    {
      key: 'nps',
      label: 'NPS',
      metric: 'nps_latest',
      weight: 1,
      rule: { type: 'linear', worst: 0, best: 10 },
    },
  ],
});
const ticketCard = ZScorecardDefinition.parse({
  name: 'Tickets only',
  bands: { red_below: 50, green_from: 90 },
  measures: [
    {
      key: 't',
      label: 'Tickets',
      metric: 'tickets_90d',
      weight: 1,
      rule: { type: 'linear', worst: 4, best: 0 },
    },
  ],
});

beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, W);
  await store.db
    .insertInto('accounts')
    .values(['a', 'b', 'c'].map((id) => ({ workspace_id: W, id, name: id })))
    .execute();
  await store.db
    .insertInto('survey_responses')
    .values({
      workspace_id: W,
      id: 's1',
      account_id: 'a',
      survey: 'nps',
      score: '8',
      responded_at: new Date('2024-06-01T12:00:00Z'),
    })
    .execute();
  await store.db
    .insertInto('tickets')
    .values({
      workspace_id: W,
      id: 't1',
      account_id: 'c',
      opened_at: new Date('2024-06-01T12:00:00Z'),
      status: 'open',
    })
    .execute();
});
afterAll(async () => store?.close());

describe(`computeHealthScores (${engineName})`, () => {
  it('scores each account with its own scorecard and leaves out accounts it has no data for', async () => {
    const scores = await computeHealthScores({
      db: store.db,
      workspaceId: W,
      at: '2024-06-30',
      scorecardFor: (id) =>
        id === 'c'
          ? { id: 'support', version: 3, definition: ticketCard }
          : { id: 'default', version: 1, definition: npsCard },
    });
    // a: NPS 8 → 80; b: no NPS answer → no score; c: 1 ticket → 75, yellow under bands 50/90.
    expect(scores.map((s) => [s.account_id, s.scorecard_id, s.scorecard_version, s.score, s.band])).toEqual([
      ['a', 'default', 1, 80, 'green'],
      ['c', 'support', 3, 75, 'yellow'],
    ]);
    expect(scores[1]!.measures[0]).toMatchObject({ key: 't', value: 1, score: 75, contribution: 75 });
  });

  it('the default scorecard scores an account from whatever data it has', async () => {
    const [score] = await computeHealthScores({
      db: store.db,
      workspaceId: W,
      at: '2024-06-30',
      accountIds: ['a'],
      scorecardFor: () => ({ id: 'default', version: 1, definition: DEFAULT_SCORECARD }),
    });
    expect(score!.redistributed).toBe(true);
    const total = score!.measures.reduce((sum, m) => sum + Math.round(m.contribution * 10), 0) / 10;
    expect(total).toBe(score!.score);
    expect(score!.measures.find((m) => m.key === 'nps')).toMatchObject({ value: 8, score: 75 });
  });
});
