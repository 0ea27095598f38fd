import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliStore, runMain } from '../../../test/helpers/cli.ts';
import { engineName } from '../../../test/helpers/store.ts';
import { openStore } from '../../db/connect.ts';
import { insertContacts, insertResponses, insertTickets } from '../../modules/success/test-factories.ts';
import { ensureWorkspace } from '../../modules/workspaces/ensure-workspace.ts';

/**
 * `tenure metrics cs` through the program's own `main()`, in this process: a store of its own (a data
 * directory, or a database on the test server) that the command opens as a user's would.
 */
let storeArgs: string[];
let cleanup: () => Promise<void>;

const run = (args: string[]) => runMain([...args, ...storeArgs, '--workspace', 'cs']);

beforeAll(async () => {
  const created = await createCliStore('tenure-cs');
  storeArgs = created.args;
  cleanup = created.cleanup;
  const store = await openStore(created.options);
  try {
    const db = store.db;
    await ensureWorkspace({ db, workspaceId: 'cs' });
    await insertContacts(db, 'cs', 'acme', ['ann', 'bob', 'cy', 'dee']);
    // March: promoters ann and bob, passive cy, detractor dee → NPS (2 − 1) / 4 = 25.
    await insertResponses(db, 'cs', 'acme', [
      { contactId: 'ann', score: 10, at: '2024-03-01' },
      { contactId: 'bob', score: 9, at: '2024-03-02' },
      { contactId: 'cy', score: 7, at: '2024-03-03' },
      { contactId: 'dee', score: 2, at: '2024-03-04' },
      { survey: 'csat', score: 5, at: '2024-03-05' },
      { survey: 'csat', score: 2, at: '2024-03-05' },
    ]);
    await insertTickets(db, 'cs', 'acme', [
      { openedAt: '2024-03-02', resolvedAt: '2024-03-02', agentReplies: 1 },
      { openedAt: '2024-03-02', resolvedAt: '2024-03-05', agentReplies: 2 },
    ]);
  } finally {
    await store.close();
  }
});
afterAll(() => cleanup());

describe(`tenure metrics cs (${engineName})`, () => {
  it('prints { currency, interval, periods } as JSON with the fields of shared/spec/cli.md', async () => {
    const { code, stdout } = await run([
      'metrics',
      'cs',
      '--from',
      '2024-02',
      '--to',
      '2024-03',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ currency: 'USD', interval: 'month', accounts: null });
    expect(body.periods).toHaveLength(2);
    expect(body.periods[1]).toMatchObject({
      period: '2024-03',
      start: '2024-03-01',
      end: '2024-03-31',
      nps: 25,
      nps_responses: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
      csat: 0.5,
      csat_responses: 2,
      tickets_opened: 2,
      first_contact_resolution_rate: 0.5,
      retention_cost: 0,
      crc: null,
      arpa: null,
      email_open_rate: null,
    });
    expect(body.periods[0]).toMatchObject({ period: '2024-02', nps: null, csat: null });
  });

  it('filters by account, and fails with exit 1 for an unknown one', async () => {
    const acme = await run([
      'metrics',
      'cs',
      '--from',
      '2024-03',
      '--to',
      '2024-03',
      '--account',
      'acme',
      '--format',
      'json',
    ]);
    expect(JSON.parse(acme.stdout)).toMatchObject({ accounts: 1, periods: [{ nps: 25 }] });
    const unknown = await run([
      'metrics',
      'cs',
      '--from',
      '2024-03',
      '--to',
      '2024-03',
      '--account',
      'nobody',
    ]);
    expect(unknown.code).toBe(1);
  });

  it('prints one CSV record per period and a table', async () => {
    const csv = await run(['metrics', 'cs', '--from', '2024-03', '--to', '2024-03', '--format', 'csv']);
    const [header, record] = csv.stdout.trim().split('\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['currency', 'period', 'start', 'end', 'nps']);
    expect(record!.split(',').slice(0, 5)).toEqual(['USD', '2024-03', '2024-03-01', '2024-03-31', '25']);
    const table = await run(['metrics', 'cs', '--from', '2024-03', '--to', '2024-03', '--format', 'table']);
    expect(table.stdout).toMatch(/2024-03 .* 25\.0 /);
  });

  it('exits 2 on a malformed month', async () => {
    expect((await run(['metrics', 'cs', '--from', '2024-3', '--to', '2024-03'])).code).toBe(2);
  });
});
