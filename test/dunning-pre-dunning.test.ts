import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { enqueueJob } from '../src/jobs/enqueue-job.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { addDays } from '../src/modules/dunning/add-days.ts';
import { findExpiringCards } from '../src/modules/dunning/find-expiring-cards.ts';
import {
  type TPaymentMethodInput,
  upsertPaymentMethod,
} from '../src/modules/dunning/upsert-payment-method.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const WS = 'predun';
const NOW = new Date('2025-03-10T12:00:00Z');

describe(`pre-dunning: expiring cards (${engineName})`, () => {
  let store: TStore;

  const addCard = (method: Omit<TPaymentMethodInput, 'type'>) =>
    upsertPaymentMethod({ db: store.db, workspaceId: WS, method: { type: 'card', ...method }, now: NOW });

  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, WS);
    for (const id of ['soon', 'later', 'expired']) {
      await store.db.insertInto('accounts').values({ workspace_id: WS, id, name: id }).execute();
      await store.db
        .insertInto('contacts')
        .values({
          workspace_id: WS,
          id: `bill_${id}`,
          account_id: id,
          email: `billing@${id}.test`,
          is_billing_contact: true,
        })
        .execute();
    }
    // A card works through the last day of its expiry month. On 2025-03-10 (UTC), "within 30 days" is up
    // to 2025-04-09: 03/2025 (ends 03-31) is in; 04/2025 (ends 04-30) is later; 02/2025 has already expired.
    await addCard({ id: 'pm_soon', accountId: 'soon', last4: '4242', expMonth: 3, expYear: 2025 });
    await addCard({
      id: 'pm_soon_spare',
      accountId: 'soon',
      last4: '5555',
      expMonth: 3,
      expYear: 2025,
      isDefault: false,
    });
    await addCard({ id: 'pm_later', accountId: 'later', last4: '1111', expMonth: 4, expYear: 2025 });
    await addCard({ id: 'pm_expired', accountId: 'expired', last4: '0005', expMonth: 2, expYear: 2025 });
  });
  afterAll(() => store.close());

  it('finds only default cards whose last working day is within the window', async () => {
    expect(await findExpiringCards({ db: store.db, workspaceId: WS, now: NOW, withinDays: 30 })).toEqual([
      {
        accountId: 'soon',
        paymentMethodId: 'pm_soon',
        expMonth: 3,
        expYear: 2025,
        expiresOn: '2025-03-31',
      },
    ]);
    // 2025-03-31 + 30 days = 2025-04-30, the last day of the 04/2025 card: it enters the window that day.
    const onTheDay = await findExpiringCards({
      db: store.db,
      workspaceId: WS,
      now: new Date('2025-03-31T12:00:00Z'),
      withinDays: 30,
    });
    expect(onTheDay.map((c) => c.paymentMethodId)).toEqual(['pm_soon', 'pm_later']);
    const dayBefore = await findExpiringCards({
      db: store.db,
      workspaceId: WS,
      now: new Date('2025-03-30T12:00:00Z'),
      withinDays: 30,
    });
    expect(dayBefore.map((c) => c.paymentMethodId)).toEqual(['pm_soon']);
  });

  it('queues exactly one card_expiring email per expiring default card, however often the job runs', async () => {
    for (const [slot, now] of [
      ['a', NOW],
      ['b', addDays(NOW, 1)],
    ] as const) {
      await enqueueJob(store.db, {
        workspaceId: WS,
        name: 'dunning.pre_dunning',
        payload: {},
        key: `dunning.pre_dunning@${slot}`,
        runAt: now,
      });
      const run = await runDueJobs({ store, now, names: ['dunning.pre_dunning'] });
      expect(run).toMatchObject({ ran: 1, succeeded: 1 });
    }
    const emails = await store.db
      .selectFrom('email_messages')
      .select(['account_id', 'to_email', 'template_id', 'idempotency_key', 'status', 'text'])
      .where('workspace_id', '=', WS)
      .execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      account_id: 'soon',
      to_email: 'billing@soon.test',
      template_id: 'card_expiring',
      idempotency_key: 'card_expiring:pm_soon:2025-03',
      status: 'queued',
    });
    expect(emails[0]!.text).toContain('ending in 4242');
    expect(emails[0]!.text).toContain('expires on 2025-03-31');
  });
});
