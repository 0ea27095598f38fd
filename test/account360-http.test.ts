import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createNote } from '../src/modules/notes/create-note.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertInvoice } from '../src/modules/revenue/test-factories.ts';
import { createSegment } from '../src/modules/segments/create-segment.ts';
import { insertAccounts } from '../src/modules/segments/test-factories.ts';
import { createUser } from '../src/modules/users/create-user.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

/**
 * Account 360: the views behind the account page. Account `acme` has two monthly invoices (the second one's
 * first payment failed, the retry succeeded), an upgrade, a ticket and two survey answers.
 */
describe(`account 360 API (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let keyA: string;
  let keyB: string;
  const get = async (key: string, path: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    for (const ws of ['a360-a', 'a360-b']) await createTestWorkspace(store, ws);
    await insertAccounts(db, 'a360-a', [
      { id: 'acme', name: 'Acme', ownerEmail: 'csm@example.com', createdAt: '2025-12-01T00:00:00Z' },
      { id: 'quiet', name: 'Quiet Ltd' },
    ]);
    await insertInvoice(db, {
      workspaceId: 'a360-a',
      accountId: 'acme',
      id: 'inv-jan',
      lines: [{ amount: 100, start: '2026-01-01', end: '2026-02-01', subscriptionId: 's1' }],
    });
    await insertInvoice(db, {
      workspaceId: 'a360-a',
      accountId: 'acme',
      id: 'inv-feb',
      lines: [
        { amount: 150, discount: 10, tax: 5, start: '2026-02-01', end: '2026-03-01', subscriptionId: 's1' },
      ],
    });
    await db
      .insertInto('payments')
      .values(
        [
          {
            id: 'p1',
            attempted_at: '2026-02-02T10:00:00Z',
            outcome: 'failed' as const,
            failure_code: 'insufficient_funds',
          },
          {
            id: 'p2',
            attempted_at: '2026-02-05T10:00:00Z',
            outcome: 'succeeded' as const,
            failure_code: null as string | null,
          },
        ].map((p) => ({ ...p, workspace_id: 'a360-a', invoice_id: 'inv-feb', amount: 145, currency: 'USD' })),
      )
      .execute();
    await db
      .insertInto('tickets')
      .values({
        workspace_id: 'a360-a',
        id: 't1',
        account_id: 'acme',
        opened_at: '2026-02-10T09:00:00Z',
        resolved_at: '2026-02-11T09:00:00Z',
        status: 'solved',
        subject: 'Export is slow',
        satisfaction: 4,
      })
      .execute();
    await db
      .insertInto('survey_responses')
      .values(
        [
          {
            id: 'n1',
            survey: 'nps',
            score: 6,
            comment: 'price is high',
            responded_at: '2026-02-12T09:00:00Z',
          },
          { id: 'c1', survey: 'csat', score: 5, comment: null, responded_at: '2026-02-01T09:00:00Z' },
        ].map((r) => ({ ...r, workspace_id: 'a360-a', account_id: 'acme' })),
      )
      .execute();
    await recomputeMovements({ db, workspaceId: 'a360-a' });
    await insertAccounts(db, 'a360-b', [{ id: 'acme', name: 'B Acme' }]);
    keyA = (await createApiKey({ db, workspaceId: 'a360-a', name: 'a' })).key;
    keyB = (await createApiKey({ db, workspaceId: 'a360-b', name: 'b' })).key;
    app = createApp({ store });
  });
  afterAll(() => store.close());

  it('summarises owner, MRR on a day and the renewal date of the period in service', async () => {
    const { status, json } = await get(keyA, '/v1/accounts/acme/summary?at=2026-02-15');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      account_id: 'acme',
      name: 'Acme',
      owner_email: 'csm@example.com',
      currency: 'USD',
      mrr: 140,
      arr: 1680,
      customer_since: '2026-01-01',
      renewal_date: '2026-03-01',
    });
    const after = await get(keyA, '/v1/accounts/acme/summary?at=2026-03-15');
    expect(after.json).toMatchObject({ mrr: 0, renewal_date: null });
  });

  it('lists invoices newest first with totals and their payment attempts, and the MRR movements', async () => {
    const { json } = await get(keyA, '/v1/accounts/acme/billing');
    expect(json.invoices.map((i: { id: string }) => i.id)).toEqual(['inv-feb', 'inv-jan']);
    expect(json.invoices[0]).toMatchObject({ total: 145, currency: 'USD', lines: 1, status: 'paid' });
    expect(json.invoices[0].payments.map((p: { id: string; outcome: string }) => [p.id, p.outcome])).toEqual([
      ['p2', 'succeeded'],
      ['p1', 'failed'],
    ]);
    expect(json.invoices[1].payments).toEqual([]);
    expect(
      json.movements.map((m: { date: string; type: string; amount: number }) => [m.date, m.type, m.amount]),
    ).toEqual([
      ['2026-03-01', 'churn', 140],
      ['2026-02-01', 'expansion', 40],
      ['2026-01-01', 'new', 100],
    ]);
  });

  it("lists the account's tickets and survey answers, newest first", async () => {
    const { json } = await get(keyA, '/v1/accounts/acme/feedback');
    expect(json.tickets).toMatchObject([{ id: 't1', subject: 'Export is slow', satisfaction: 4 }]);
    expect(json.survey_answers.map((a: { id: string; score: number }) => [a.id, a.score])).toEqual([
      ['n1', 6],
      ['c1', 5],
    ]);
  });

  it('merges invoices, payments, movements, tickets and answers into one timeline, newest first', async () => {
    const { json } = await get(keyA, '/v1/accounts/acme/timeline');
    const items = json.items as { at: string; kind: string; id: string }[];
    expect(items.map((i) => `${i.kind}:${i.id}`)).toEqual([
      'movement:2026-03-01',
      'survey:n1',
      'ticket_resolved:t1',
      'ticket_opened:t1',
      'payment:p2',
      'payment:p1',
      'survey:c1',
      'invoice:inv-feb',
      'movement:2026-02-01',
      'invoice:inv-jan',
      'movement:2026-01-01',
    ]);
    const ats = items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const older = await get(
      keyA,
      `/v1/accounts/acme/timeline?limit=2&before=${encodeURIComponent(items[4]!.at)}`,
    );
    expect(older.json.items.map((i: { id: string }) => i.id)).toEqual(['p1', 'c1']);
  });

  it("sums each segment's member MRR", async () => {
    await createSegment({ db: store.db, workspaceId: 'a360-a', name: 'Everyone', filter: 'mrr >= 0' });
    const { json } = await get(keyA, '/v1/segment-mrr?at=2026-02-15');
    expect(json).toMatchObject({
      currency: 'USD',
      segments: [{ segment_id: 'everyone', members: 2, customers: 1, mrr: 140 }],
    });
  });

  it('reads the workspace: currency and time zone', async () => {
    const { json } = await get(keyA, '/v1/workspace');
    expect(json).toMatchObject({ id: 'a360-a', reporting_currency: 'USD' });
    expect(typeof json.timezone).toBe('string');
  });

  it("answers another workspace's or an unknown account with 404", async () => {
    for (const view of ['summary', 'billing', 'feedback', 'timeline']) {
      expect((await get(keyA, `/v1/accounts/nobody/${view}`)).status).toBe(404);
      expect((await get(keyB, `/v1/accounts/quiet/${view}`)).status).toBe(404);
    }
    // The same id in workspace B is B's own account, with none of A's records.
    const b = await get(keyB, '/v1/accounts/acme/billing');
    expect(b.json).toMatchObject({ invoices: [], movements: [] });
    expect((await get(keyB, '/v1/accounts/acme/timeline')).json.items).toEqual([]);
  });

  it("places the account's notes in its timeline by when they were written, with the author", async () => {
    const author = await createUser({
      db: store.db,
      workspaceId: 'a360-a',
      email: 'ana@example.com',
      password: 'csm password 12',
      role: 'csm',
      name: 'Ana Mora',
    });
    const note = await createNote({
      db: store.db,
      workspaceId: 'a360-a',
      accountId: 'acme',
      body: 'Renewal call:\nprice objection, sending a <b>discount</b> offer',
      isPinned: true,
      authorUserId: author.id,
      now: new Date('2026-02-12T10:00:00Z'),
    });
    const { json } = await get(keyA, '/v1/accounts/acme/timeline?limit=3&before=2026-02-20T00:00:00Z');
    expect(json.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`)).toEqual([
      `note:${note.id}`,
      'survey:n1',
      'ticket_resolved:t1',
    ]);
    expect(json.items[0]).toMatchObject({
      at: '2026-02-12T10:00:00.000Z',
      title: 'Ana Mora',
      status: 'pinned',
      text: 'Renewal call: price objection, sending a <b>discount</b> offer',
      from_value: 'user',
    });
    expect((await get(keyB, '/v1/accounts/acme/timeline')).json.items).toEqual([]);
  });

  it('lets a viewer read every view', async () => {
    await createUser({
      db: store.db,
      workspaceId: 'a360-a',
      email: 'v@example.com',
      password: 'viewer password 1',
      role: 'viewer',
    });
    const login = await app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: 'a360-a', email: 'v@example.com', password: 'viewer password 1' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const path of ['/v1/accounts/acme/timeline', '/v1/segment-mrr', '/v1/workspace']) {
      expect((await app.request(path, { headers: { cookie } })).status).toBe(200);
    }
  });
});
