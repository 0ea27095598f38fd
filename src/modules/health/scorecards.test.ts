import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assignScorecards } from './assign-scorecards.ts';
import { createScorecard } from './create-scorecard.ts';
import { ensureDefaultScorecard } from './ensure-default-scorecard.ts';
import { findScorecards } from './find-scorecards.ts';
import { getScorecard } from './get-scorecard.ts';
import { insertAccount, LOGINS_ONLY, TEST_SCORECARD } from './health-test-factories.ts';
import { parseScorecardInput } from './scorecard-input.ts';
import { updateScorecard } from './update-scorecard.ts';

let store: TStore;
const ws = 'acme-co';

beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, ws);
});
afterAll(() => store.close());

describe(`health scorecards (${engineName})`, () => {
  it('keeps every version: an update adds v2 and v1 stays readable', async () => {
    const v1 = await createScorecard({
      db: store.db,
      workspaceId: ws,
      id: 'smb',
      definition: TEST_SCORECARD,
    });
    expect(v1).toMatchObject({
      id: 'smb',
      version: 1,
      name: 'Test scorecard',
      is_default: false,
      applies_to: null,
    });
    const v2 = await updateScorecard({
      db: store.db,
      workspaceId: ws,
      id: 'smb',
      definition: { ...LOGINS_ONLY, name: 'SMB v2' },
      appliesTo: { stage: 'onboarding' },
    });
    expect(v2).toMatchObject({ id: 'smb', version: 2, name: 'SMB v2', applies_to: { stage: 'onboarding' } });
    const old = await getScorecard({ db: store.db, workspaceId: ws, id: 'smb', version: 1 });
    expect(old.definition.measures.map((m) => m.key)).toEqual(['open_tickets', 'logins']);
    expect(old.versions.map((v) => v.version)).toEqual([1, 2]);
    const latest = await getScorecard({ db: store.db, workspaceId: ws, id: 'smb' });
    expect(latest.version).toBe(2);
    expect(latest.definition.measures.map((m) => m.key)).toEqual(['logins']);
  });

  it('refuses a second scorecard with the same id, and updating one that does not exist', async () => {
    await expect(
      createScorecard({ db: store.db, workspaceId: ws, id: 'smb', definition: TEST_SCORECARD }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      updateScorecard({ db: store.db, workspaceId: ws, id: 'nope', definition: TEST_SCORECARD }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives the workspace the default scorecard once, listed first with the latest versions', async () => {
    await ensureDefaultScorecard({ db: store.db, workspaceId: ws });
    await ensureDefaultScorecard({ db: store.db, workspaceId: ws });
    const list = await findScorecards({ db: store.db, workspaceId: ws });
    expect(list.map((s) => [s.id, s.version, s.is_default, s.versions])).toEqual([
      ['default', 1, true, 1],
      ['smb', 2, false, 2],
    ]);
  });

  it('names the JSON path of every invalid field', () => {
    const attempt = () =>
      parseScorecardInput({
        id: 'Bad Id',
        name: 'x',
        applies_to: { tier: 'vip' },
        measures: [
          {
            key: 'a',
            label: 'A',
            metric: 'open_tickets',
            weight: -1,
            rule: { type: 'linear', worst: 1, best: 0 },
          },
        ],
      });
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      const message = (error as AppError).message;
      expect(message).toContain('id: ');
      expect(message).toContain('applies_to: ');
      expect(message).toContain('measures.0.weight: ');
    }
  });
});

describe(`scorecard assignment (${engineName})`, () => {
  it('prefers a segment scorecard, then a stage scorecard, then the default', async () => {
    const db = store.db;
    for (const id of ['seg-and-stage', 'seg-only', 'stage-only', 'plain']) await insertAccount(db, ws, id);
    await db
      .insertInto('segments')
      .values({ workspace_id: ws, id: 'enterprise', name: 'Enterprise', filter: 'tier = "vip"' })
      .execute();
    await db
      .insertInto('segment_memberships')
      .values(
        ['seg-and-stage', 'seg-only'].map((account_id) => ({
          workspace_id: ws,
          segment_id: 'enterprise',
          account_id,
        })),
      )
      .execute();
    await db
      .insertInto('account_profiles')
      .values(
        ['seg-and-stage', 'stage-only', 'plain'].map((account_id) => ({
          workspace_id: ws,
          account_id,
          tier: 'core' as const,
          stage: account_id === 'plain' ? 'adoption' : 'onboarding',
        })),
      )
      .execute();
    await createScorecard({
      db,
      workspaceId: ws,
      id: 'a-enterprise',
      definition: TEST_SCORECARD,
      appliesTo: { segment_id: 'enterprise' },
    });
    await createScorecard({
      db,
      workspaceId: ws,
      id: 'z-enterprise-onboarding',
      definition: TEST_SCORECARD,
      appliesTo: { segment_id: 'enterprise', stage: 'onboarding' },
    });
    // 'smb' (v2) applies to stage onboarding.
    const { scorecardFor } = await assignScorecards({ db, workspaceId: ws });
    expect(scorecardFor('seg-and-stage')).toMatchObject({ id: 'z-enterprise-onboarding', version: 1 });
    expect(scorecardFor('seg-only')).toMatchObject({ id: 'a-enterprise' });
    expect(scorecardFor('stage-only')).toMatchObject({ id: 'smb', version: 2 });
    expect(scorecardFor('plain')).toMatchObject({ id: 'default', version: 1 });
    expect(scorecardFor('unknown-account')).toMatchObject({ id: 'default' });
  });
});
