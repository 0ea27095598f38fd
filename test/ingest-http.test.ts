import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

let store: TStore;
let app: ReturnType<typeof createApp>;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  store = await openTestStore();
  app = createApp({ store });
  await createTestWorkspace(store, 'ws-a', 'USD');
  await createTestWorkspace(store, 'ws-b', 'USD');
  keyA = (await createApiKey({ db: store.db, workspaceId: 'ws-a', name: 'a' })).key;
  keyB = (await createApiKey({ db: store.db, workspaceId: 'ws-b', name: 'b' })).key;
});
afterAll(() => store.close());

/** `key` null: no Authorization header at all. */
function send(method: string, path: string, body: unknown, key: string | null = keyA) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  return app.request(path, {
    method,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function post(path: string, body: unknown, status: number, key = keyA) {
  const response = await send('POST', path, body, key);
  const json = (await response.json()) as any;
  expect({ status: response.status, json }).toMatchObject({ status });
  return json;
}

async function get(path: string, status: number, key = keyA) {
  const response = await app.request(path, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(status);
  return (await response.json()) as any;
}

async function count(table: 'events' | 'accounts', workspaceId = 'ws-a', where = sql`true`) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
    where workspace_id = ${workspaceId} and ${where}`.execute(store.db);
  return rows[0]!.n;
}

describe(`ingestion API (${engineName})`, () => {
  it('creates, updates and leaves unchanged an account; unknown fields become custom attributes', async () => {
    const created = await post(
      '/v1/accounts',
      { id: 'acme', name: 'Acme', owner_email: 'ann@us.test', seats: 12, tier: 'gold', is_partner: true },
      201,
    );
    expect(created.status).toBe('created');
    expect(created.record).toMatchObject({
      id: 'acme',
      name: 'Acme',
      owner_email: 'ann@us.test',
      attributes: { seats: 12, tier: 'gold', is_partner: true },
    });
    expect(created.warnings).toEqual([]);
    // An absent field keeps its stored value (as an absent CSV column); attributes are merged.
    const updated = await post('/v1/accounts', { id: 'acme', name: 'Acme Inc', seats: 15 }, 200);
    expect(updated.status).toBe('updated');
    expect(updated.record).toMatchObject({
      name: 'Acme Inc',
      owner_email: 'ann@us.test',
      attributes: { seats: 15, tier: 'gold', is_partner: true },
    });
    const again = await post('/v1/accounts', { id: 'acme', name: 'Acme Inc', seats: 15 }, 200);
    expect(again.status).toBe('unchanged');
    // null clears a field.
    const cleared = await post('/v1/accounts', { id: 'acme', name: 'Acme Inc', owner_email: null }, 200);
    expect(cleared.record.owner_email).toBeNull();
    const stored = await get('/v1/accounts/acme', 200);
    expect(stored).toMatchObject({ id: 'acme', name: 'Acme Inc' });
    // What GET returns can be sent back as is.
    expect((await post('/v1/accounts', stored, 200)).status).toBe('unchanged');
    expect(await count('accounts', 'ws-a', sql`id = 'acme'`)).toBe(1);
  });

  it('creates, updates and leaves unchanged an event and an invoice', async () => {
    const event = { id: 'ev-1', account_id: 'acme', name: 'login', occurred_at: '2024-05-01T10:00:00Z' };
    expect((await post('/v1/events', event, 201)).record).toMatchObject({ quantity: '1', properties: null });
    const changed = { ...event, quantity: 3, properties: { page: 'home' } };
    const updated = await post('/v1/events', changed, 200);
    expect(updated).toMatchObject({
      status: 'updated',
      record: { quantity: '3', properties: { page: 'home' } },
    });
    expect((await post('/v1/events', changed, 200)).status).toBe('unchanged');

    const invoice = {
      id: 'inv-x',
      account_id: 'acme',
      issued_at: '2024-05-01',
      currency: 'usd',
      status: 'open',
    };
    expect((await post('/v1/invoices', invoice, 201)).record).toMatchObject({
      currency: 'USD',
      status: 'open',
    });
    expect((await post('/v1/invoices', { ...invoice, status: 'paid' }, 200)).status).toBe('updated');
    expect((await post('/v1/invoices', { ...invoice, status: 'paid' }, 200)).status).toBe('unchanged');
  });

  it('accepts a valid record of every kind and serves it back by key', async () => {
    const records: [string, Record<string, unknown>, string][] = [
      ['accounts', { id: 'k-acc', name: 'Kinds', revenue_potential: '5000.50' }, 'k-acc'],
      [
        'contacts',
        { id: 'k-con', account_id: 'k-acc', email: 'kim@k.test', is_billing_contact: 'yes' },
        'k-con',
      ],
      ['fx-rates', { currency: 'EUR', date: '2024-01-01', rate: '1.08' }, 'EUR/2024-01-01'],
      [
        'plans',
        { id: 'k-plan', name: 'Pro', interval_unit: 'month', amount: '49.00', currency: 'EUR' },
        'k-plan',
      ],
      ['subscriptions', { id: 'k-sub', account_id: 'k-acc', plan_id: 'k-plan', status: 'active' }, 'k-sub'],
      [
        'invoices',
        { id: 'k-inv', account_id: 'k-acc', issued_at: '2024-02-01', currency: 'EUR', status: 'paid' },
        'k-inv',
      ],
      [
        'invoice-lines',
        {
          id: 'k-line',
          invoice_id: 'k-inv',
          type: 'subscription',
          subscription_id: 'k-sub',
          service_start: '2024-02-01',
          service_end: '2024-03-01',
          amount: 49,
        },
        'k-line',
      ],
      [
        'payments',
        {
          id: 'k-pay',
          invoice_id: 'k-inv',
          attempted_at: '2024-02-02',
          amount: '49.00',
          currency: 'EUR',
          outcome: 'failed',
          failure_code: 'insufficient_funds',
        },
        'k-pay',
      ],
      [
        'events',
        {
          id: 'k-ev',
          account_id: 'k-acc',
          contact_id: 'k-con',
          name: 'report_exported',
          occurred_at: '2024-02-03',
        },
        'k-ev',
      ],
      [
        'tickets',
        {
          id: 'k-tic',
          account_id: 'k-acc',
          opened_at: '2024-02-04',
          status: 'solved',
          agent_replies: 1,
          satisfaction: 5,
          is_complaint: false,
        },
        'k-tic',
      ],
      [
        'survey-responses',
        {
          id: 'k-nps',
          account_id: 'k-acc',
          survey: 'nps',
          score: 9,
          responded_at: '2024-02-05',
          comment: 'great',
        },
        'k-nps',
      ],
      [
        'email-events',
        {
          id: 'k-em',
          contact_id: 'k-con',
          message_id: 'm-1',
          type: 'opened',
          occurred_at: '2024-02-06T08:00:00Z',
        },
        'k-em',
      ],
      [
        'costs',
        {
          id: 'k-cost',
          period_start: '2024-02-01',
          period_end: '2024-03-01',
          amount: '1200',
          currency: 'USD',
          kind: 'retention',
        },
        'k-cost',
      ],
    ];
    for (const [path, record, key] of records) {
      const created = await post(`/v1/${path}`, record, 201);
      expect(created.status, path).toBe('created');
      expect(await get(`/v1/${path}/${key}`, 200), path).toEqual(created.record);
    }
    expect(await get('/v1/contacts/k-con', 200)).toMatchObject({ is_billing_contact: true });
    expect(await get('/v1/fx-rates/eur/2024-01-01', 200)).toMatchObject({ currency: 'EUR', rate: '1.08' });
    expect(await get('/v1/invoice-lines/k-line', 200)).toMatchObject({
      amount: '49',
      quantity: '1',
      discount: '0',
    });
    expect(await get('/v1/tickets/k-tic', 200)).toMatchObject({
      opened_at: '2024-02-04T00:00:00.000Z',
      satisfaction: 5,
    });
  });

  it('rejects an invalid record with 400 naming each field, and writes nothing', async () => {
    const cases: [string, Record<string, unknown>, { field: string; message: string }[]][] = [
      [
        'events',
        { id: 'bad-1', account_id: 'acme', name: 'login', occurred_at: '2024-13-01' },
        [{ field: 'occurred_at', message: expect.stringContaining('2024-13-01') }],
      ],
      [
        'events',
        { id: 'bad-2', account_id: 'nope', name: 'login', occurred_at: '2024-05-01' },
        [{ field: 'account_id', message: 'unknown account "nope"' }],
      ],
      [
        'tickets',
        { id: 'bad-3', account_id: 'acme', opened_at: '2024-05-01', status: 'escalated' },
        [{ field: 'status', message: '"escalated" is not one of open, pending, solved, closed' }],
      ],
      [
        'events',
        { id: 'bad-4', account_id: 'acme', occurred_at: '2024-05-01' },
        [{ field: 'name', message: 'missing value' }],
      ],
      [
        'payments',
        {
          id: 'bad-5',
          invoice_id: 'inv-x',
          attempted_at: '2024-05-02',
          amount: 0.1 + 0.2,
          currency: 'USD',
          outcome: 'succeeded',
        },
        [{ field: 'amount', message: expect.stringContaining('USD allows at most 2') }],
      ],
      [
        'invoices',
        { id: 'bad-6', account_id: 'acme', issued_at: '2024-05-01', currency: 'GBP', status: 'paid' },
        [{ field: 'currency', message: expect.stringContaining('no exchange rate for GBP') }],
      ],
      [
        'accounts',
        { id: 'bad-7', name: { first: 'x' } },
        [{ field: 'name', message: 'expected a string or a number, not a object' }],
      ],
    ];
    for (const [path, record, details] of cases) {
      const body = await post(`/v1/${path}`, record, 400);
      expect(body.error, path).toMatchObject({ code: 'invalid_input', details });
      expect(body.error.message).toContain(details[0]!.field);
      await get(`/v1/${path}/${record.id}`, 404);
    }
  });

  it('warns about unknown fields of records without custom attributes', async () => {
    const event = { id: 'ev-w', account_id: 'acme', name: 'login', occurred_at: '2024-05-01', colour: 'red' };
    expect((await post('/v1/events', event, 201)).warnings).toEqual(['unknown field "colour" ignored']);
  });

  it('answers 400 for a body that is not JSON or not an object', async () => {
    expect((await post('/v1/accounts', 'name=acme', 400)).error.code).toBe('invalid_input');
    expect((await post('/v1/accounts', '', 400)).error.message).toContain('not valid JSON');
    expect((await post('/v1/accounts', [{ id: 'x', name: 'x' }], 400)).error.code).toBe('invalid_input');
    expect((await post('/v1/events/batch', { event: [] }, 400)).error.details[0].field).toBe('events');
  });

  it('writes the valid events of a batch and reports each invalid one', async () => {
    const events = [
      { id: 'b-1', account_id: 'acme', name: 'login', occurred_at: '2024-06-01T09:00:00Z' },
      { id: 'b-2', account_id: 'acme', name: 'login', occurred_at: 'yesterday' },
      { id: 'b-3', account_id: 'ghost', name: 'login', occurred_at: '2024-06-01' },
      { id: 'b-4', account_id: 'acme', name: 'export', occurred_at: '2024-06-02', quantity: 2 },
      { id: 'b-1', account_id: 'acme', name: 'login', occurred_at: '2024-06-03' },
      'not an event',
    ];
    const first = await post('/v1/events/batch', { events }, 200);
    expect(first).toMatchObject({ accepted: 2, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(first.items).toEqual([
      { index: 0, id: 'b-1', status: 'created', errors: [] },
      {
        index: 1,
        id: 'b-2',
        status: 'rejected',
        errors: [{ field: 'occurred_at', message: expect.any(String) }],
      },
      {
        index: 2,
        id: 'b-3',
        status: 'rejected',
        errors: [{ field: 'account_id', message: 'unknown account "ghost"' }],
      },
      { index: 3, id: 'b-4', status: 'created', errors: [] },
      {
        index: 4,
        id: 'b-1',
        status: 'rejected',
        errors: [{ field: 'id', message: 'duplicate id "b-1" (first at index 0)' }],
      },
      {
        index: 5,
        id: null,
        status: 'rejected',
        errors: [{ field: 'item', message: 'is not a JSON object' }],
      },
    ]);
    expect(await count('events', 'ws-a', sql`id like 'b-%'`)).toBe(2);

    const again = await post('/v1/events/batch', { events }, 200);
    expect(again).toMatchObject({ accepted: 2, created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(await count('events', 'ws-a', sql`id like 'b-%'`)).toBe(2);
    // The hooks of the CSV import ran: the account's health is queued for a recompute.
    const { rows } =
      await sql`select 1 from health_stale where workspace_id = 'ws-a' and account_id = 'acme'`.execute(
        store.db,
      );
    expect(rows).toHaveLength(1);
  });

  it('updates events of a batch whose items carry different fields, keeping what an item leaves out', async () => {
    await post(
      '/v1/events',
      {
        id: 'm-1',
        account_id: 'acme',
        name: 'login',
        occurred_at: '2024-06-05',
        properties: { plan: 'pro' },
      },
      201,
    );
    const result = await post(
      '/v1/events/batch',
      {
        events: [
          { id: 'm-1', account_id: 'acme', name: 'login', occurred_at: '2024-06-05', quantity: 4 },
          {
            id: 'm-2',
            account_id: 'acme',
            name: 'login',
            occurred_at: '2024-06-05',
            properties: { plan: 'free' },
          },
        ],
      },
      200,
    );
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect(await get('/v1/events/m-1', 200)).toMatchObject({ quantity: '4', properties: { plan: 'pro' } });
    expect(await get('/v1/events/m-2', 200)).toMatchObject({ quantity: '1', properties: { plan: 'free' } });
  });

  it('keeps usage rollups exact when concurrent batches write events of the same account and day', async () => {
    await post('/v1/accounts', { id: 'busy', name: 'Busy' }, 201);
    const batch = (client: number) => ({
      events: Array.from({ length: 50 }, (_, i) => ({
        id: `c${client}-${i}`,
        account_id: 'busy',
        name: 'login',
        occurred_at: `2024-07-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
      })),
    });
    const responses = await Promise.all(
      [0, 1, 2, 3].map((client) => send('POST', '/v1/events/batch', batch(client))),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // 4 × 50 events on 2024-07-01: one rollup row counting all of them.
    const { rows } = await sql<{ events: number }>`select events from usage_daily
      where workspace_id = 'ws-a' and account_id = 'busy' and day = '2024-07-01' and name = 'login'`.execute(
      store.db,
    );
    expect(rows).toEqual([{ events: 200 }]);
  });

  it('answers 400 with every item when a whole batch is rejected, and for more than 1000 events', async () => {
    const rejected = await post('/v1/events/batch', { events: [{ id: 'r-1', account_id: 'acme' }] }, 400);
    expect(rejected).toMatchObject({ accepted: 0, rejected: 1 });
    expect(rejected.items[0].errors.map((e: { field: string }) => e.field)).toEqual(['name', 'occurred_at']);
    const events = Array.from({ length: 1001 }, (_, i) => ({
      id: `x-${i}`,
      account_id: 'acme',
      name: 'login',
      occurred_at: '2024-06-01',
    }));
    const tooMany = await post('/v1/events/batch', { events }, 400);
    expect(tooMany.error.message).toContain('at most 1000 events');
    expect(await count('events', 'ws-a', sql`id like 'x-%'`)).toBe(0);
  });

  it('answers 413 for a body over the size limit, and writes nothing', async () => {
    const body = { id: 'huge', name: 'x'.repeat(1024 * 1024 + 1) };
    const response = await send('POST', '/v1/accounts', body);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    await get('/v1/accounts/huge', 404);
  });

  it('answers 401 without a valid key', async () => {
    const event = { id: 'u-1', account_id: 'acme', name: 'login', occurred_at: '2024-06-01' };
    for (const key of [null, 'tnr_not_a_real_key']) {
      const response = await send('POST', '/v1/events', event, key);
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).error.code).toBe('unauthorized');
    }
    const batch = await send('POST', '/v1/events/batch', { events: [event] }, null);
    expect(batch.status).toBe(401);
    expect(await count('events', 'ws-a', sql`id = 'u-1'`)).toBe(0);
  });

  it("keeps workspaces apart: B can neither read nor change A's records", async () => {
    await post('/v1/accounts', { id: 'shared', name: 'A side' }, 201);
    await get('/v1/accounts/shared', 404, keyB);
    await get('/v1/events/b-1', 404, keyB);
    // The same id in B is B's own record.
    expect((await post('/v1/accounts', { id: 'shared', name: 'B side' }, 201, keyB)).status).toBe('created');
    expect(await get('/v1/accounts/shared', 200)).toMatchObject({ name: 'A side' });
    expect(await get('/v1/accounts/shared', 200, keyB)).toMatchObject({ name: 'B side' });
    // A's accounts are not B's to reference.
    const batch = await post(
      '/v1/events/batch',
      { events: [{ id: 'b-1', account_id: 'acme', name: 'login', occurred_at: '2024-06-01' }] },
      400,
      keyB,
    );
    expect(batch.items[0].errors).toEqual([{ field: 'account_id', message: 'unknown account "acme"' }]);
    expect(await count('events', 'ws-b')).toBe(0);
  });

  it('moves MRR when an invoice line is posted', async () => {
    await post('/v1/accounts', { id: 'mrr-co', name: 'MRR Co' }, 201);
    await post(
      '/v1/invoices',
      { id: 'mrr-inv', account_id: 'mrr-co', issued_at: '2024-03-01', currency: 'USD', status: 'paid' },
      201,
    );
    const before = await get('/v1/mrr?at=2024-03-15', 200);
    const line = {
      id: 'mrr-line',
      invoice_id: 'mrr-inv',
      type: 'subscription',
      subscription_id: 'mrr-sub',
      service_start: '2024-03-01',
      service_end: '2024-04-01',
      amount: '300.00',
    };
    await post('/v1/invoice-lines', line, 201);
    // 300 a month for March: MRR on March 15 grows by 300 and one customer.
    const after = await get('/v1/mrr?at=2024-03-15', 200);
    expect(after.mrr - before.mrr).toBe(300);
    expect(after.customers - before.customers).toBe(1);
    await post('/v1/invoice-lines', { ...line, amount: '120' }, 200);
    expect((await get('/v1/mrr?at=2024-03-15', 200)).mrr - before.mrr).toBe(120);
  });

  it('documents every ingestion route in the OpenAPI document', async () => {
    const doc = await get('/v1/openapi.json', 200);
    expect(doc.paths['/v1/events/batch'].post.tags).toEqual(['ingest']);
    expect(doc.paths['/v1/invoice-lines'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.paths['/v1/fx-rates/{currency}/{date}'].get).toBeDefined();
    expect(doc.paths['/v1/accounts/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
  });
});
