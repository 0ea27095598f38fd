import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { importPaths } from '../imports/import-paths.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { rebuildUsageRollups } from './rebuild-usage-rollups.ts';
import { refreshUsageRollups } from './refresh-usage-rollups.ts';
import { rememberUsageKeys } from './remember-usage-keys.ts';
import { readUsageRollups, USAGE_FIXTURE, writeImportDir } from './usage-fixture.ts';

const ws = 'paris';
const other = 'other';
let store: TStore;

const rollups = (workspaceId = ws) => readUsageRollups(store.db, workspaceId);

/** The rollups kept by the imports must equal a rebuild from the events table. */
async function expectSameAsRebuild() {
  const incremental = await rollups();
  await rebuildUsageRollups({ db: store.db, workspaceId: ws });
  expect(incremental).toEqual(await rollups());
  return incremental;
}

async function staleAccounts(): Promise<string[]> {
  const rows = await store.db
    .selectFrom('health_stale')
    .select('account_id')
    .where('workspace_id', '=', ws)
    .orderBy('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

const importFiles = (files: Record<string, string[]>, workspaceId = ws) =>
  importPaths({ store, workspaceId, paths: [writeImportDir(files)] });

beforeAll(async () => {
  store = await openTestStore();
  await ensureWorkspace({ db: store.db, workspaceId: ws, timezone: 'Europe/Paris' });
  await importFiles(USAGE_FIXTURE);
  // Another tenant with the same ids: its rollups must never move.
  await importFiles(USAGE_FIXTURE, other);
});
afterAll(() => store.close());

describe(`usage rollups kept by imports (${engineName})`, () => {
  it('equal a full rebuild after the first import, and queue the accounts for rescoring', async () => {
    const { daily } = await expectSameAsRebuild();
    expect(daily.length).toBe(10);
    expect(await staleAccounts()).toEqual(['acme', 'globex', 'initech', 'umbrella']);
  });

  it('follow events moved to another day or account, and queue both accounts', async () => {
    const otherBefore = await rollups(other);
    await store.db.deleteFrom('health_stale').where('workspace_id', '=', ws).execute();
    const events = USAGE_FIXTURE['events.csv'].map((line) =>
      line.startsWith('e2,')
        ? 'e2,globex,g1,dashboard_viewed,2024-02-27T10:00:00Z,1'
        : line.startsWith('e3,')
          ? 'e3,acme,c3,login,2024-02-25T10:00:00Z,1'
          : line,
    );
    const summary = await importFiles({
      'events.csv': [...events, 'e8,acme,c3,dashboard_viewed,2024-02-28T10:00:00Z,4'],
    });
    expect(summary.files[0]).toMatchObject({ inserted: 1, updated: 2 });
    const { daily } = await expectSameAsRebuild();
    const keys = daily.map((r) => `${r.account_id} ${r.day} ${r.name}`);
    expect(keys).not.toContain('acme 2024-02-26 dashboard_viewed');
    expect(keys).not.toContain('acme 2024-02-10 login');
    expect(keys).toContain('globex 2024-02-27 dashboard_viewed');
    expect(keys).toContain('acme 2024-02-25 login');
    expect(keys).toContain('acme 2024-02-28 dashboard_viewed');
    // acme lost e2: its old account is queued as well as its new one.
    expect(await staleAccounts()).toEqual(['acme', 'globex']);
    expect(await rollups(other)).toEqual(otherBefore);
  });

  it('do not change on a re-import of the same events, which queues nothing', async () => {
    const before = await rollups();
    await store.db.deleteFrom('health_stale').where('workspace_id', '=', ws).execute();
    const events = USAGE_FIXTURE['events.csv'].filter((line) => !/^e[23],/.test(line));
    const summary = await importFiles({ 'events.csv': events });
    expect(summary.files[0]).toMatchObject({ inserted: 0, updated: 0 });
    expect(await rollups()).toEqual(before);
    expect(await staleAccounts()).toEqual([]);
  });

  it.each(['range', 'accounts'] as const)('rebuild the touched keys alike by %s scope', async (scope) => {
    const expected = await rollups();
    await store.db.transaction().execute(async (trx) => {
      // The state an import leaves before the hook: every event staged and changed, rollups lost.
      await sql`create temp table import_stage on commit drop as
        select id from events where workspace_id = ${ws}`.execute(trx);
      await sql`create temp table import_changed on commit drop as
        select id as key from events where workspace_id = ${ws}`.execute(trx);
      await rememberUsageKeys(trx, { workspaceId: ws, timezone: 'Europe/Paris' });
      await trx.deleteFrom('usage_daily').where('workspace_id', '=', ws).execute();
      await trx.deleteFrom('usage_daily_users').where('workspace_id', '=', ws).execute();
      const keys = await refreshUsageRollups(trx, { workspaceId: ws, timezone: 'Europe/Paris', scope });
      expect(keys).toBe(10); // account-days: acme 6, globex 3, initech 1
    });
    expect(await rollups()).toEqual(expected);
  });
});
