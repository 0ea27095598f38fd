import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { runDueJobs } from '../../jobs/run-due-jobs.ts';
import { createWebhookEndpoint } from './create-webhook-endpoint.ts';
import { findWebhookDeliveries } from './find-webhook-deliveries.ts';
import { queueWebhookEvent } from './queue-webhook-event.ts';
import { signWebhookPayload } from './sign-webhook-payload.ts';
import { updateWebhookEndpoint } from './update-webhook-endpoint.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

type TReceived = { headers: http.IncomingHttpHeaders; body: string };

/** A real receiver on a loopback port that answers with the next queued status (200 once they run out). */
async function startReceiver() {
  const received: TReceived[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const deliverDue = (store: TStore, now: Date) => runDueJobs({ store, now, names: ['webhooks.deliver'] });

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"ping"}';
  const timestamp = Math.floor(T0.getTime() / 1000);
  const header = signWebhookPayload({ secret, body, timestamp });

  it('verifies a signature made with the same secret over the same body', () => {
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, header, body, now: at(10) })).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, an old timestamp and a missing header', () => {
    expect(verifyWebhookSignature({ secret, header, body: body.replace('ping', 'pong'), now: T0 })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ secret: 'whsec_other', header, body, now: T0 })).toBe(false);
    expect(verifyWebhookSignature({ secret, header, body, now: at(301) })).toBe(false);
    expect(verifyWebhookSignature({ secret, header, body, now: at(600), toleranceSeconds: 900 })).toBe(true);
    expect(verifyWebhookSignature({ secret, header: undefined, body, now: T0 })).toBe(false);
    expect(verifyWebhookSignature({ secret, header: 't=abc,v1=zz', body, now: T0 })).toBe(false);
  });
});

describe(`webhook deliveries (${engineName})`, () => {
  let store: TStore;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, 'hooks');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await store.close();
  });

  it('delivers a signed event to a real receiver, once per idempotency key', async () => {
    const endpoint = await createWebhookEndpoint({
      db: store.db,
      workspaceId: 'hooks',
      url: receiver.url,
      eventTypes: ['task.created'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const input = {
      db: store.db,
      workspaceId: 'hooks',
      eventType: 'task.created',
      payload: { task_id: 't1' },
      idempotencyKey: 'task.created:t1',
      now: T0,
    };
    const { deliveryIds } = await queueWebhookEvent(input);
    expect(deliveryIds).toHaveLength(1);
    expect(await queueWebhookEvent(input)).toEqual({ deliveryIds });
    const other = await queueWebhookEvent({
      ...input,
      eventType: 'dunning.final_action',
      idempotencyKey: 'x',
    });
    expect(other.deliveryIds).toEqual([]);

    expect(await deliverDue(store, T0)).toMatchObject({ ran: 1, succeeded: 1 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.headers['tenure-event']).toBe('task.created');
    expect(request!.headers['tenure-delivery']).toBe(deliveryIds[0]);
    const signature = request!.headers['tenure-signature'] as string;
    expect(
      verifyWebhookSignature({ secret: endpoint.secret, header: signature, body: request!.body, now: T0 }),
    ).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'task.created',
      created_at: T0.toISOString(),
      workspace_id: 'hooks',
      data: { task_id: 't1' },
    });
    await updateWebhookEndpoint({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
      isEnabled: false,
    });
  });

  it('retries a 500 at the backoff time, logs each attempt, then delivers', async () => {
    receiver.received.length = 0;
    receiver.statuses.push(500, 503);
    const endpoint = await createWebhookEndpoint({ db: store.db, workspaceId: 'hooks', url: receiver.url });
    const { deliveryIds } = await queueWebhookEvent({
      db: store.db,
      workspaceId: 'hooks',
      eventType: 'playbook.webhook',
      payload: { n: 1 },
      idempotencyKey: 'retry-1',
      now: T0,
    });
    expect(await deliverDue(store, T0)).toMatchObject({ ran: 1, retried: 1 });
    expect(await deliverDue(store, at(29))).toMatchObject({ ran: 0 });
    expect(await deliverDue(store, at(30))).toMatchObject({ ran: 1, retried: 1 });
    expect(await deliverDue(store, at(89))).toMatchObject({ ran: 0 });
    expect(await deliverDue(store, at(90))).toMatchObject({ ran: 1, succeeded: 1 });
    expect(receiver.received).toHaveLength(3);
    // Every attempt is the same delivery: receivers dedupe on Tenure-Delivery.
    expect(new Set(receiver.received.map((r) => r.headers['tenure-delivery']))).toEqual(new Set(deliveryIds));

    const { deliveries } = await findWebhookDeliveries({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: 'delivered',
      attempt_count: 3,
      last_status_code: 200,
      last_error: null,
      delivered_at: at(90).toISOString(),
    });
    expect(deliveries[0]!.attempts.map((a) => [a.attempt, a.status_code, a.error, a.attempted_at])).toEqual([
      [1, 500, 'HTTP 500', T0.toISOString()],
      [2, 503, 'HTTP 503', at(30).toISOString()],
      [3, 200, null, at(90).toISOString()],
    ]);
    await updateWebhookEndpoint({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
      isEnabled: false,
    });
  });

  it('marks a delivery dead after 8 failed attempts', async () => {
    receiver.received.length = 0;
    receiver.statuses.push(...new Array(8).fill(500));
    const endpoint = await createWebhookEndpoint({ db: store.db, workspaceId: 'hooks', url: receiver.url });
    await queueWebhookEvent({
      db: store.db,
      workspaceId: 'hooks',
      eventType: 'dunning.final_action',
      payload: {},
      idempotencyKey: 'dead-1',
      now: T0,
    });
    const outcomes = [];
    // Each run an hour apart: past any backoff (at most 1 h).
    for (let i = 0; i < 9; i++) outcomes.push(await deliverDue(store, at(i * 3600)));
    expect(outcomes.map((o) => o.ran)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(outcomes[7]).toMatchObject({ dead: 1 });
    expect(receiver.received).toHaveLength(8);
    const { deliveries } = await findWebhookDeliveries({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
    });
    expect(deliveries[0]).toMatchObject({ status: 'dead', attempt_count: 8, last_status_code: 500 });
    expect(deliveries[0]!.attempts).toHaveLength(8);
  });

  it('logs a refused connection as a failed attempt', async () => {
    const closed = await startReceiver();
    await closed.close();
    const endpoint = await createWebhookEndpoint({ db: store.db, workspaceId: 'hooks', url: closed.url });
    await queueWebhookEvent({
      db: store.db,
      workspaceId: 'hooks',
      eventType: 'ping',
      payload: {},
      idempotencyKey: 'refused-1',
      endpointId: endpoint.id,
      now: T0,
    });
    expect(await deliverDue(store, T0)).toMatchObject({ ran: 1, retried: 1 });
    const { deliveries } = await findWebhookDeliveries({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
    });
    expect(deliveries[0]).toMatchObject({ status: 'pending', attempt_count: 1, last_status_code: null });
    expect(deliveries[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('marks a delivery dead, not pending forever, when the worker of its last attempt died', async () => {
    const endpoint = await createWebhookEndpoint({ db: store.db, workspaceId: 'hooks', url: receiver.url });
    const { deliveryIds } = await queueWebhookEvent({
      db: store.db,
      workspaceId: 'hooks',
      eventType: 'ping',
      payload: {},
      idempotencyKey: 'orphan-1',
      endpointId: endpoint.id,
      now: T0,
    });
    // The eighth attempt's worker was killed after claiming the job: nothing was logged.
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 8, locked_by: 'killed', locked_until: T0 })
      .where('workspace_id', '=', 'hooks')
      .where('name', '=', 'webhooks.deliver')
      .where(sql`payload->>'deliveryId'`, '=', deliveryIds[0])
      .execute();
    receiver.received.length = 0;
    expect(await deliverDue(store, at(1))).toMatchObject({ dead: 1 });
    expect(receiver.received).toHaveLength(0);
    const { deliveries } = await findWebhookDeliveries({
      db: store.db,
      workspaceId: 'hooks',
      endpointId: endpoint.id,
    });
    expect(deliveries[0]).toMatchObject({ status: 'dead' });
    expect(deliveries[0]!.last_error).toMatch(/^gave up after 8 attempts/);
  });
});
