import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { importPaths } from '../imports/import-paths.ts';
import { createScorecard } from './create-scorecard.ts';
import { insertAccount, insertTicket, TICKETS_ONLY } from './health-test-factories.ts';
import { markHealthStale } from './mark-health-stale.ts';
import { refreshStaleHealth } from './refresh-stale-health.ts';
import { startHealthRefresher } from './start-health-refresher.ts';

let store: TStore;
const ws = 'ws-s';
const today = todayIn('UTC');
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  store = await openTestStore();
  await createTestWorkspace(store, ws);
  await createScorecard({
    db: store.db,
    workspaceId: ws,
    id: 'main',
    definition: TICKETS_ONLY,
    isDefault: true,
  });
  for (const id of ['s1', 's2', 's3']) await insertAccount(store.db, ws, id);
  await insertTicket(store.db, ws, 's1', { openedAt: yesterday });
});
afterAll(() => store.close());

const scoreToday = async (accountId: string) =>
  (
    await store.db
      .selectFrom('health_scores')
      .select('score')
      .where('workspace_id', '=', ws)
      .where('account_id', '=', accountId)
      .where('date', '=', today)
      .executeTakeFirst()
  )?.score;

const queued = async () =>
  (
    await store.db
      .selectFrom('health_stale')
      .select('account_id')
      .where('workspace_id', '=', ws)
      .orderBy('account_id')
      .execute()
  ).map((r) => r.account_id);

describe(`refreshStaleHealth (${engineName})`, () => {
  it('scores the whole workspace when it has no score for today (the stored daily score)', async () => {
    const [result] = await refreshStaleHealth({ store, workspaceId: ws });
    expect(result).toMatchObject({ workspace_id: ws, date: today, mode: 'daily', scored: 3 });
    // s1: one open ticket → 75; s2, s3: none open → 100.
    expect(await scoreToday('s1')).toBe('75');
    expect(await scoreToday('s2')).toBe('100');
    const [idle] = await refreshStaleHealth({ store, workspaceId: ws });
    expect(idle?.mode).toBe('idle');
  });

  it('drains the queue, but keeps an account marked again while it was being scored', async () => {
    await insertTicket(store.db, ws, 's1', { openedAt: yesterday });
    await markHealthStale({ db: store.db, workspaceId: ws, accountIds: ['s1', 's2'] });
    // Right after the refresher has read the queue, an import marks s2 again (its new data may not have
    // been read by this pass).
    let isBumped = false;
    const bumpAfterQueueRead: KyselyPlugin = {
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        if (!isBumped && result.rows[0] && 'marked_us' in result.rows[0]) {
          isBumped = true;
          await sql`update health_stale set marked_at = marked_at + interval '1 second'
            where workspace_id = ${ws} and account_id = 's2'`.execute(store.db);
        }
        return result;
      },
    };
    const [result] = await refreshStaleHealth({
      store: { ...store, db: store.db.withPlugin(bumpAfterQueueRead) },
      workspaceId: ws,
    });
    expect(isBumped).toBe(true);
    expect(result).toMatchObject({ mode: 'stale', scored: 2, drained: 1 });
    expect(await queued()).toEqual(['s2']);
    // s1 now has two open tickets → 50.
    expect(await scoreToday('s1')).toBe('50');
    const [next] = await refreshStaleHealth({ store, workspaceId: ws });
    expect(next).toMatchObject({ mode: 'stale', drained: 1 });
    expect(await queued()).toEqual([]);
  });

  it('rescores an account after an import of its new ticket, in one refresher pass', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-health-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'tickets.csv'),
        `id,account_id,opened_at,status,subject\nimp-1,s3,${yesterday},open,Export is broken\n`,
      );
      await importPaths({ store, workspaceId: ws, paths: [dir] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await queued()).toEqual(['s3']);
    expect(await scoreToday('s3')).toBe('100');
    await refreshStaleHealth({ store, workspaceId: ws });
    expect(await scoreToday('s3')).toBe('75');
    expect(await queued()).toEqual([]);
  });

  it('the refresher runs a pass at once, and stop() waits for it', async () => {
    await insertTicket(store.db, ws, 's2', { openedAt: yesterday });
    await markHealthStale({ db: store.db, workspaceId: ws, accountIds: ['s2'] });
    const errors: unknown[] = [];
    let passed!: () => void;
    const firstPass = new Promise<void>((resolve) => {
      passed = resolve;
    });
    const refresher = startHealthRefresher({
      store,
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
      onPass: () => passed(),
    });
    await firstPass;
    await refresher.stop();
    expect(errors).toEqual([]);
    expect(await queued()).toEqual([]);
    expect(await scoreToday('s2')).toBe('75');
  });

  it('the refresher rescores without an onPass callback, as `tenure start` runs it', async () => {
    await insertAccount(store.db, ws, 's4');
    await insertTicket(store.db, ws, 's4', { openedAt: yesterday });
    await markHealthStale({ db: store.db, workspaceId: ws, accountIds: ['s4'] });
    const refresher = startHealthRefresher({ store, intervalMs: 3_600_000, onError: () => {} });
    try {
      await expect.poll(() => scoreToday('s4'), { timeout: 30_000 }).toBe('75');
    } finally {
      await refresher.stop();
    }
  });
});
