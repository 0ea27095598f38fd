import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { insertAccounts } from '../segments/test-factories.ts';
import { createTask } from './create-task.ts';
import { findTasks } from './find-tasks.ts';

describe(`createTask (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store, 'ws');
    await insertAccounts(store.db, 'ws', [{ id: 'acme', ownerEmail: 'owner@example.com' }]);
  });
  afterAll(() => store.close());

  it('makes one task for racing playbook steps with the same key, owned by the account owner', async () => {
    const input = {
      db: store.db,
      workspaceId: 'ws',
      accountId: 'acme',
      title: 'Call the champion',
      source: 'playbook' as const,
      sourcePlaybookId: 'pb1',
      sourceEnrollmentId: 'en1',
      idempotencyKey: 'pb1:en1:step2',
    };
    const [a, b] = await Promise.all([createTask(input), createTask(input)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      owner_email: 'owner@example.com',
      source: 'playbook',
      source_playbook_id: 'pb1',
    });
    expect((await findTasks({ db: store.db, workspaceId: 'ws', source: 'playbook' })).total).toBe(1);
  });
});
