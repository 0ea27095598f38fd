import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../test/helpers/store.ts';
import type { TStore } from '../db/connect.ts';
import { performSideEffectOnce } from './perform-side-effect-once.ts';

let store: TStore;
beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, 'fx-a');
  await createTestWorkspace(store, 'fx-b');
});
afterAll(() => store.close());

describe(`performSideEffectOnce (${engineName})`, () => {
  it('performs once per key and workspace, then returns the stored result', async () => {
    let sent = 0;
    const send = (workspaceId: string) =>
      performSideEffectOnce({
        db: store.db,
        workspaceId,
        key: 'welcome:c1',
        kind: 'email',
        perform: async () => ({ message_id: `m${++sent}` }),
      });
    expect(await send('fx-a')).toEqual({ status: 'performed', result: { message_id: 'm1' } });
    expect(await send('fx-a')).toEqual({ status: 'already_done', result: { message_id: 'm1' } });
    expect(await send('fx-b')).toEqual({ status: 'performed', result: { message_id: 'm2' } });
    expect(sent).toBe(2);
  });

  it('releases the key when perform fails, so that the retry sends', async () => {
    const attempt = (perform: () => Promise<string>) =>
      performSideEffectOnce({ db: store.db, workspaceId: 'fx-a', key: 'hook:1', kind: 'webhook', perform });
    await expect(
      attempt(async () => {
        throw new Error('connection refused');
      }),
    ).rejects.toThrow('connection refused');
    expect(await attempt(async () => 'delivered')).toEqual({ status: 'performed', result: 'delivered' });
  });

  it('marks a key left claimed by a dead run uncertain and never performs it', async () => {
    await store.db
      .insertInto('side_effects')
      .values({ workspace_id: 'fx-a', key: 'charge:9', kind: 'payment', status: 'claimed' })
      .execute();
    let charged = 0;
    const charge = () =>
      performSideEffectOnce({
        db: store.db,
        workspaceId: 'fx-a',
        key: 'charge:9',
        kind: 'payment',
        perform: async () => ++charged,
      });
    expect(await charge()).toEqual({ status: 'uncertain' });
    expect(await charge()).toEqual({ status: 'uncertain' });
    expect(charged).toBe(0);
  });
});
