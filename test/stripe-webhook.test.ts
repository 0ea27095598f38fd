import fs from 'node:fs';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const SECRET = 'whsec_test_acme_0123456789';
const OTHER_SECRET = 'whsec_test_other_0123456789';
const fixture = (name: string) =>
  fs.readFileSync(new URL(`./fixtures/stripe/${name}.json`, import.meta.url), 'utf8');

describe(`Stripe webhook (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let key: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  /** Posts a fixture as Stripe would: the file's exact text, signed with `secret`. */
  const deliver = async (name: string, { secret = SECRET, query = '', body = fixture(name) } = {}) => {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: fixture(name), secret });
    const response = await app.request(`/v1/integrations/stripe/webhook${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const count = async (table: 'accounts' | 'invoices' | 'payments' | 'stripe_events') =>
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, 'acme');
    await createTestWorkspace(store, 'other');
    key = (await createApiKey({ db: store.db, workspaceId: 'acme', name: 'test' })).key;
    app = createApp({ store });
    expect(await call('PUT', '/v1/stripe', { webhook_secret: SECRET, api_key: 'sk_test_123' })).toMatchObject(
      {
        status: 200,
        json: { webhook_secret_set: true, api_key_set: true },
      },
    );
    const otherKey = (await createApiKey({ db: store.db, workspaceId: 'other', name: 'test' })).key;
    const other = await app.request('/v1/stripe', {
      method: 'PUT',
      headers: { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook_secret: OTHER_SECRET }),
    });
    expect(other.status).toBe(200);
  });
  afterAll(() => store.close());

  it('never returns the secrets', async () => {
    const { json } = await call('GET', '/v1/stripe');
    expect(json).toMatchObject({ webhook_secret_set: true, api_key_set: true });
    expect(JSON.stringify(json)).not.toContain('whsec_');
    expect(JSON.stringify(json)).not.toContain('sk_test');
  });

  it('rejects a bad or missing signature with 400 and writes nothing', async () => {
    const wrong = await deliver('customer.created', { secret: 'whsec_wrong' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toMatch(/invalid Stripe signature/);
    const tampered = await deliver('customer.created', {
      body: fixture('customer.created').replace('Acme Corp', 'Evil Corp'),
    });
    expect(tampered.status).toBe(400);
    const missing = await app.request('/v1/integrations/stripe/webhook', {
      method: 'POST',
      body: fixture('customer.created'),
    });
    expect(missing.status).toBe(400);
    // The right secret of another workspace named in the URL does not verify either.
    expect((await deliver('customer.created', { query: '?workspace=other' })).status).toBe(400);
    expect(await count('accounts')).toBe(0);
    expect(await count('stripe_events')).toBe(0);
  });

  it('turns customer → subscription → invoice → failed payment → paid into records and MRR', async () => {
    for (const name of [
      'customer.created',
      'customer.subscription.created',
      'invoice.finalized',
      'invoice.payment_failed',
      'charge.failed',
      'invoice.paid',
    ]) {
      const result = await deliver(name, { query: name === 'invoice.paid' ? '?workspace=acme' : '' });
      expect(result, name).toMatchObject({ status: 200, json: { status: 'processed' } });
    }
    expect((await call('GET', '/v1/accounts/cus_QAcme01')).json).toMatchObject({
      name: 'Acme Corp',
      created_at: '2026-01-01T00:00:00.000Z',
    });
    expect((await call('GET', '/v1/contacts/cus_QAcme01:billing')).json).toMatchObject({
      email: 'billing@acme.example',
      is_billing_contact: true,
    });
    expect((await call('GET', '/v1/plans/price_1QPro')).json).toMatchObject({
      name: 'Pro monthly',
      interval_unit: 'month',
      interval_count: 1,
      amount: '100.00',
      currency: 'USD',
    });
    expect((await call('GET', '/v1/subscriptions/sub_1QAcme')).json).toMatchObject({
      account_id: 'cus_QAcme01',
      plan_id: 'price_1QPro',
      status: 'active',
    });
    expect((await call('GET', '/v1/invoices/in_1QAcme')).json).toMatchObject({
      status: 'paid',
      currency: 'USD',
      paid_at: '2026-01-04T01:01:00.000Z',
    });
    expect((await call('GET', '/v1/invoice-lines/il_1QAcmePro')).json).toMatchObject({
      type: 'subscription',
      subscription_id: 'sub_1QAcme',
      service_start: '2026-01-01',
      service_end: '2026-02-01',
      amount: '100.00',
      discount: '10.00',
      tax: '18.00',
    });
    expect((await call('GET', '/v1/invoice-lines/il_1QAcmeSetup')).json).toMatchObject({
      type: 'one_time',
      amount: '50.00',
    });
    // invoice.payment_failed and charge.failed are one payment: the invoice's, with the issuer's code.
    expect((await call('GET', '/v1/payments/ch_3QFailed')).json).toMatchObject({
      invoice_id: 'in_1QAcme',
      outcome: 'failed',
      failure_code: 'insufficient_funds',
      payment_method: 'card',
      amount: '158.00',
    });
    expect((await call('GET', '/v1/payments/ch_3QPaid')).json).toMatchObject({ outcome: 'succeeded' });
    expect(await count('payments')).toBe(2);
    const mrr = await call('GET', '/v1/mrr?at=2026-01-15');
    expect(mrr.json).toMatchObject({ currency: 'USD', mrr: 90, customers: 1 });
  });

  it('applies the same event once', async () => {
    const again = await deliver('invoice.paid');
    expect(again).toMatchObject({ status: 200, json: { status: 'duplicate', event_id: 'evt_1QinvPaid' } });
    expect(await count('payments')).toBe(2);
  });

  it('accepts an invoice before its customer (the account gets the customer id as a placeholder name)', async () => {
    expect((await deliver('invoice.created.early')).json.status).toBe('processed');
    expect((await call('GET', '/v1/accounts/cus_QLate02')).json.name).toBe('cus_QLate02');
    expect((await call('GET', '/v1/invoices/in_1QEarly')).json.account_id).toBe('cus_QLate02');
  });

  it('acknowledges and records an event type it does not map', async () => {
    expect(await deliver('product.updated')).toMatchObject({ status: 200, json: { status: 'ignored' } });
    const row = await store.db
      .selectFrom('stripe_events')
      .selectAll()
      .where('id', '=', 'evt_1Qproduct')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ workspace_id: 'acme', type: 'product.updated' });
    expect(row.processed_at).not.toBeNull();
  });

  it('records a new card through the dunning area', async () => {
    const result = await deliver('payment_method.attached');
    expect(result, JSON.stringify(result.json)).toMatchObject({ status: 200, json: { status: 'processed' } });
  });
});
