import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { findLifecycleEvents } from '../lifecycle/find-lifecycle-events.ts';
import { recomputeMovements } from '../revenue/recompute-movements.ts';
import { createSegment } from './create-segment.ts';
import { deleteSegment } from './delete-segment.ts';
import { findSegmentMemberIds } from './find-segment-member-ids.ts';
import { findSegmentMembers } from './find-segment-members.ts';
import { findSegments } from './find-segments.ts';
import { getSegment } from './get-segment.ts';
import { previewSegment } from './preview-segment.ts';
import { refreshSegments } from './refresh-segments.ts';
import { searchAccounts } from './search-accounts.ts';
import { insertAccounts, insertHealthScore, insertLongMrr } from './test-factories.ts';
import { updateSegment } from './update-segment.ts';

const A = 'seg-a';
const B = 'seg-b';

describe(`segments (${engineName})`, () => {
  let store: TStore;
  const ids = async (filter: string, workspaceId = A) =>
    (await previewSegment({ db: store.db, workspaceId, filter, limit: 100 })).members
      .map((m) => m.account_id)
      .sort();
  const accountCount = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from accounts`.execute(store.db)).rows[0]!.n);

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await createTestWorkspace(store, A);
    await createTestWorkspace(store, B);
    await insertAccounts(db, A, [
      {
        id: 'a1',
        name: 'Acme Retail',
        ownerEmail: 'ana@x.com',
        createdAt: '2024-01-10T15:00:00Z',
        attributes: { industry: 'retail', seats: 25, vip: true },
      },
      {
        id: 'a2',
        name: 'Beta Labs',
        ownerEmail: 'bo@x.com',
        createdAt: '2023-06-01T00:00:00Z',
        attributes: { industry: 'software', seats: '12' },
      },
      {
        id: 'a3',
        name: 'acme holdings',
        revenuePotential: 1000,
        attributes: { industry: 'Retail', seats: 8 },
      },
      { id: 'a4', name: "Gamma 50% off_co 'quoted'", attributes: { "it's": 'quoted', seats: 100 } },
    ]);
    await insertLongMrr(db, A, 'a1', 600);
    await insertLongMrr(db, A, 'a2', 200);
    await insertLongMrr(db, A, 'a4', 50);
    await recomputeMovements({ db, workspaceId: A });
    await insertHealthScore(db, A, 'a1', { date: '2024-05-01', score: 80, band: 'green' });
    await insertHealthScore(db, A, 'a2', { date: '2024-04-01', score: 50, band: 'yellow' });
    await insertHealthScore(db, A, 'a2', { date: '2024-05-01', score: 30, band: 'red' });
    await db
      .insertInto('account_profiles')
      .values([
        { workspace_id: A, account_id: 'a1', tier: 'vip', stage: 'adoption' },
        { workspace_id: A, account_id: 'a2', tier: 'core', stage: 'at_risk' },
        { workspace_id: A, account_id: 'a3', tier: 'potential', stage: 'prospect' },
        { workspace_id: A, account_id: 'a4', tier: 'non_core', stage: 'adoption' },
      ])
      .execute();
    await db
      .insertInto('survey_responses')
      .values([
        {
          workspace_id: A,
          id: 's1',
          account_id: 'a1',
          survey: 'nps',
          score: 9,
          responded_at: '2024-01-01T00:00:00Z',
        },
        {
          workspace_id: A,
          id: 's2',
          account_id: 'a1',
          survey: 'nps',
          score: 3,
          responded_at: '2024-02-01T00:00:00Z',
        },
        {
          workspace_id: A,
          id: 's3',
          account_id: 'a2',
          survey: 'nps',
          score: 10,
          responded_at: '2024-02-01T00:00:00Z',
        },
      ])
      .execute();
    // Workspace B reuses A's ids with other data: nothing of it may ever show up in A, nor A's in B.
    await insertAccounts(db, B, [
      { id: 'a1', name: 'Other Acme', attributes: { industry: 'retail' } },
      { id: 'b2' },
    ]);
    await insertLongMrr(db, B, 'b2', 900);
    await recomputeMovements({ db, workspaceId: B });
  });
  afterAll(() => store.close());

  it('evaluates each text operator, literally and case-insensitively for ~', async () => {
    expect(await ids('name = "Beta Labs"')).toEqual(['a2']);
    expect(await ids('name != "Beta Labs"')).toEqual(['a1', 'a3', 'a4']);
    expect(await ids('name ~ "ACME"')).toEqual(['a1', 'a3']);
    expect(await ids('name !~ "acme"')).toEqual(['a2', 'a4']);
    expect(await ids('name ~ "50%"')).toEqual(['a4']);
    expect(await ids('name ~ "_"')).toEqual(['a4']);
    expect(await ids('owner_email = "ana@x.com"')).toEqual(['a1']);
    expect(await ids('owner_email is null')).toEqual(['a3', 'a4']);
    expect(await ids('owner_email is not null')).toEqual(['a1', 'a2']);
    expect(await ids('id in ("a2", "a4", "zz")')).toEqual(['a2', 'a4']);
  });

  it('evaluates number, boolean and date operators on MRR, health, tier and dates', async () => {
    expect(await ids('mrr > 199.99')).toEqual(['a1', 'a2']);
    expect(await ids('mrr >= 200')).toEqual(['a1', 'a2']);
    expect(await ids('mrr < 200')).toEqual(['a3', 'a4']);
    expect(await ids('mrr <= 50')).toEqual(['a3', 'a4']);
    expect(await ids('mrr = 600')).toEqual(['a1']);
    expect(await ids('arr = 7200')).toEqual(['a1']);
    expect(await ids('customer = false')).toEqual(['a3']);
    expect(await ids('revenue_potential >= 1000')).toEqual(['a3']);
    expect(await ids('health_band = "red"')).toEqual(['a2']);
    expect(await ids('health_score >= 50')).toEqual(['a1']);
    expect(await ids('health_band is null')).toEqual(['a3', 'a4']);
    expect(await ids('tier in ("vip", "potential")')).toEqual(['a1', 'a3']);
    expect(await ids('tier not in ("vip")')).toEqual(['a2', 'a3', 'a4']);
    expect(await ids('stage = "at_risk"')).toEqual(['a2']);
    expect(await ids('created_at >= "2024-01-01"')).toEqual(['a1']);
    expect(await ids('created_at < "2024-01-01"')).toEqual(['a2']);
    expect(await ids('created_at = "2024-01-10"')).toEqual(['a1']);
    expect(await ids('created_at > "2024-01-10T16:00:00+01:00"')).toEqual([]);
    expect(await ids('created_at > "2024-01-10T15:00:00+01:00"')).toEqual(['a1']);
    expect(await ids('nps_latest <= 6')).toEqual(['a1']);
    expect(await ids('nps_latest = 10')).toEqual(['a2']);
  });

  it('compares attributes as numbers with a number and as text with a string', async () => {
    // a2's seats is the text "12": not a number, so not ≥ 10, but equal to the string "12".
    expect(await ids('attributes.seats >= 10')).toEqual(['a1', 'a4']);
    expect(await ids('attributes.seats = "12"')).toEqual(['a2']);
    expect(await ids('attributes.seats = "25"')).toEqual(['a1']);
    expect(await ids('attributes.seats in (8, 25)')).toEqual(['a1', 'a3']);
    expect(await ids('attributes.industry = "retail"')).toEqual(['a1']);
    expect(await ids('attributes.industry ~ "retail"')).toEqual(['a1', 'a3']);
    expect(await ids('attributes.vip = true')).toEqual(['a1']);
    expect(await ids('attributes.vip != true')).toEqual(['a2', 'a3', 'a4']);
    expect(await ids('attributes.missing is null')).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(await ids('attributes."it\'s" = "quoted"')).toEqual(['a4']);
  });

  it('keeps the precedence NOT > AND > OR, and NOT is the complement even of missing values', async () => {
    // AND first: red OR (vip AND mrr < 100) = a2; grouped the other way it would match nobody.
    expect(await ids('health_band = "red" or tier = "vip" and mrr < 100')).toEqual(['a2']);
    expect(await ids('(health_band = "red" or tier = "vip") and mrr < 100')).toEqual([]);
    expect(await ids('not health_band = "red" and mrr > 0')).toEqual(['a1', 'a4']);
    expect(await ids('not (health_band = "red" and mrr > 0)')).toEqual(['a1', 'a3', 'a4']);
    expect(await ids('not health_score >= 50')).toEqual(['a2', 'a3', 'a4']);
    expect(
      await ids('tier = "vip" AND (health_band = "red" OR mrr > 500) AND NOT stage = "churned"'),
    ).toEqual(['a1']);
  });

  it('matches injection attempts literally and leaves the tables intact', async () => {
    expect(await ids(`name = "x'; drop table accounts; --"`)).toEqual([]);
    expect(await ids(`name = "x\\"; drop table accounts; --"`)).toEqual([]);
    expect(await ids(`attributes."x'; drop table accounts; --" = "1"`)).toEqual([]);
    expect(await ids(`attributes."industry') = 'retail' or ('1" = "1"`)).toEqual([]);
    expect(await ids(`name ~ "' or 1=1 --"`)).toEqual([]);
    expect(await ids(`name = "Gamma 50% off_co 'quoted'"`)).toEqual(['a4']);
    await expect(
      previewSegment({ db: store.db, workspaceId: A, filter: 'name = "x"; drop table accounts' }),
    ).rejects.toThrow(/unexpected character ";" at column 11/);
    await expect(previewSegment({ db: store.db, workspaceId: A, filter: 'mrr > 1 or 1=1' })).rejects.toThrow(
      /expected a field name, found 1 at column 12/,
    );
    expect(await accountCount()).toBe(6);
  });

  it('writes entered and left events exactly once per change', async () => {
    const db = store.db;
    const created = await createSegment({ db, workspaceId: A, name: 'Big accounts', filter: 'mrr >= 200' });
    expect(created).toMatchObject({ id: 'big-accounts', name: 'Big accounts', member_count: 2 });
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'big-accounts' })).toEqual([
      'a1',
      'a2',
    ]);
    const events = async () =>
      (await findLifecycleEvents({ db, workspaceId: A, segmentId: 'big-accounts' })).events
        .map((e) => `${e.type}:${e.account_id}`)
        .sort();
    expect(await events()).toEqual(['segment_entered:a1', 'segment_entered:a2']);

    expect(await refreshSegments({ db, workspaceId: A, segmentIds: ['big-accounts'] })).toEqual({
      segments: [{ id: 'big-accounts', members: 2, entered: 0, left: 0 }],
    });
    await refreshSegments({ db, workspaceId: A });
    expect(await events()).toEqual(['segment_entered:a1', 'segment_entered:a2']);

    const updated = await updateSegment({
      db,
      workspaceId: A,
      segmentId: 'big-accounts',
      filter: 'mrr >= 50 and mrr < 600',
    });
    expect(updated.member_count).toBe(2);
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'big-accounts' })).toEqual([
      'a2',
      'a4',
    ]);
    expect(await events()).toEqual([
      'segment_entered:a1',
      'segment_entered:a2',
      'segment_entered:a4',
      'segment_left:a1',
    ]);
    await refreshSegments({ db, workspaceId: A });
    expect(await events()).toHaveLength(4);
  });

  it('refreshes only the given accounts when asked to', async () => {
    const db = store.db;
    await createSegment({ db, workspaceId: A, id: 'reds', name: 'Red', filter: 'health_band = "red"' });
    await insertHealthScore(db, A, 'a1', { date: '2024-05-02', score: 20, band: 'red' });
    await insertHealthScore(db, A, 'a2', { date: '2024-05-02', score: 90, band: 'green' });
    const result = await refreshSegments({ db, workspaceId: A, segmentIds: ['reds'], accountIds: ['a1'] });
    expect(result.segments).toEqual([{ id: 'reds', members: 2, entered: 1, left: 0 }]);
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'reds' })).toEqual(['a1', 'a2']);
    await refreshSegments({ db, workspaceId: A, segmentIds: ['reds'] });
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'reds' })).toEqual(['a1']);
  });

  it('lists, pages, validates and deletes segments', async () => {
    const db = store.db;
    await createSegment({ db, workspaceId: A, id: 'everyone', name: 'Everyone', filter: 'mrr >= 0' });
    const page = await findSegmentMembers({ db, workspaceId: A, segmentId: 'everyone', limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.members.map((m) => m.account_id)).toEqual(['a2', 'a4']);
    expect(page.members[0]).toMatchObject({
      name: 'Beta Labs',
      mrr: 200,
      tier: 'core',
      stage: 'at_risk',
      health_score: 90,
      health_band: 'green',
    });
    expect((await findSegments({ db, workspaceId: A })).segments.map((s) => [s.id, s.member_count])).toEqual([
      ['big-accounts', 2],
      ['everyone', 4],
      ['reds', 1],
    ]);
    await expect(
      createSegment({ db, workspaceId: A, id: 'everyone', name: 'Again', filter: 'mrr > 0' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(createSegment({ db, workspaceId: A, name: 'Bad', filter: 'plan = "x"' })).rejects.toThrow(
      /unknown field "plan"/,
    );
    await expect(
      createSegment({ db, workspaceId: A, id: 'bad id!', name: 'x', filter: 'mrr > 0' }),
    ).rejects.toThrow(/^id:/);
    expect(await getSegment({ db, workspaceId: A, segmentId: 'bad' }).catch((e) => e.code)).toBe('not_found');
    await deleteSegment({ db, workspaceId: A, segmentId: 'everyone' });
    await expect(getSegment({ db, workspaceId: A, segmentId: 'everyone' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'everyone' })).toEqual([]);
  });

  it('keeps workspaces apart: B sees none of A’s segments or members, and a B segment holds only B accounts', async () => {
    const db = store.db;
    expect(await ids('attributes.industry = "retail"', B)).toEqual(['a1']);
    expect(
      (await previewSegment({ db, workspaceId: B, filter: 'mrr >= 0' })).members.map((m) => m.name),
    ).toEqual(['Account b2', 'Other Acme']);
    await createSegment({ db, workspaceId: B, id: 'big-accounts', name: 'B big', filter: 'mrr >= 200' });
    expect(await findSegmentMemberIds({ db, workspaceId: B, segmentId: 'big-accounts' })).toEqual(['b2']);
    expect((await findSegments({ db, workspaceId: B })).segments.map((s) => s.id)).toEqual(['big-accounts']);
    await expect(getSegment({ db, workspaceId: B, segmentId: 'reds' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(findSegmentMembers({ db, workspaceId: B, segmentId: 'reds' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deleteSegment({ db, workspaceId: B, segmentId: 'reds' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await findSegmentMemberIds({ db, workspaceId: A, segmentId: 'big-accounts' })).toEqual([
      'a2',
      'a4',
    ]);
    expect((await findLifecycleEvents({ db, workspaceId: B })).events.map((e) => e.account_id)).toEqual([
      'b2',
    ]);
  });

  it('searches, filters, sorts and pages the account table with a total', async () => {
    const db = store.db;
    const result = await searchAccounts({ db, workspaceId: A, sort: '-mrr', limit: 2 });
    expect(result.total).toBe(4);
    expect(result.accounts.map((a) => [a.account_id, a.mrr])).toEqual([
      ['a1', 600],
      ['a2', 200],
    ]);
    expect(
      (await searchAccounts({ db, workspaceId: A, sort: '-mrr', limit: 2, offset: 2 })).accounts.map(
        (a) => a.account_id,
      ),
    ).toEqual(['a4', 'a3']);
    expect(await searchAccounts({ db, workspaceId: A, limit: 2, offset: 10 })).toMatchObject({
      total: 4,
      accounts: [],
    });
    expect(
      (await searchAccounts({ db, workspaceId: A, q: 'ACME' })).accounts.map((a) => a.account_id),
    ).toEqual(['a1', 'a3']);
    expect(
      (await searchAccounts({ db, workspaceId: A, q: 'bo@' })).accounts.map((a) => a.account_id),
    ).toEqual(['a2']);
    expect(
      (await searchAccounts({ db, workspaceId: A, tier: 'potential' })).accounts.map((a) => a.account_id),
    ).toEqual(['a3']);
    expect(
      (await searchAccounts({ db, workspaceId: A, stage: 'adoption', sort: 'mrr' })).accounts.map(
        (a) => a.account_id,
      ),
    ).toEqual(['a4', 'a1']);
    expect((await searchAccounts({ db, workspaceId: A, segmentId: 'big-accounts' })).total).toBe(2);
    expect(
      (await searchAccounts({ db, workspaceId: A, filter: 'mrr > 100', q: 'beta' })).accounts.map(
        (a) => a.account_id,
      ),
    ).toEqual(['a2']);
    await expect(searchAccounts({ db, workspaceId: A, sort: 'name; drop table accounts' })).rejects.toThrow(
      /^sort:/,
    );
    await expect(searchAccounts({ db, workspaceId: A, tier: 'gold' })).rejects.toThrow(/^tier:/);
    expect(await accountCount()).toBe(6);
  });
});
