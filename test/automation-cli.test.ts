import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connect.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { insertInvoice, monthlyPeriods } from '../src/modules/revenue/test-factories.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';
import { createCliStore, runCli, type TCliStore } from './helpers/cli.ts';
import { engineName } from './helpers/store.ts';

const WS = 'auto-cli';

// Each call starts a process that opens the store: seconds each, more on a busy machine.
describe(`tenure tasks, churn and pricing (${engineName})`, { timeout: 180_000 }, () => {
  let store: TCliStore;

  const cli = (args: string[], ws = WS) =>
    runCli([...args, '--workspace', ws, '--format', 'json', ...store.args]);
  const cliJson = async (args: string[], ws = WS) => {
    const run = await cli(args, ws);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    store = await createCliStore('tenure-auto-cli');
    // Seeded through the library, then closed: the embedded store allows one process at a time.
    const seeded = await openStore(store.options);
    try {
      const db = seeded.db;
      for (const ws of [WS, 'auto-cli-other'])
        await ensureWorkspace({ db, workspaceId: ws, reportingCurrency: 'USD' });
      await db
        .insertInto('accounts')
        .values([
          { workspace_id: WS, id: 'acme', name: 'Acme', owner_email: 'ana@example.com' },
          { workspace_id: WS, id: 'globex', name: 'Globex' },
          { workspace_id: 'auto-cli-other', id: 'other', name: 'Other' },
        ])
        .execute();
      // acme: $100 a month Jan–Mar 2024, churns 2024-04-01, cancelled 03-15 as too expensive.
      // globex: $300 Jan–Feb, churns 2024-03-01, cancelled without a reason.
      for (const [account, months, amount] of [
        ['acme', 3, 100],
        ['globex', 2, 300],
      ] as const) {
        for (const period of monthlyPeriods('2024-01-01', months)) {
          await insertInvoice(db, { workspaceId: WS, accountId: account, lines: [{ ...period, amount }] });
        }
      }
      await db
        .insertInto('subscriptions')
        .values([
          {
            workspace_id: WS,
            id: 'sub-acme',
            account_id: 'acme',
            status: 'cancelled',
            cancelled_at: '2024-03-15T10:00:00Z',
            cancellation_reason: 'too_expensive',
          },
          {
            workspace_id: WS,
            id: 'sub-globex',
            account_id: 'globex',
            status: 'cancelled',
            cancelled_at: '2024-02-20T00:00:00Z',
          },
        ])
        .execute();
      await recomputeMovements({ db, workspaceId: WS });
    } finally {
      await seeded.close();
    }
  });
  afterAll(() => store.cleanup());

  it('creates a task for the account owner, lists it in their overdue queue, updates it and marks it done', async () => {
    const created = await cliJson([
      'tasks',
      'create',
      '--account',
      'acme',
      '--title',
      'Call about the renewal',
      '--due',
      '2024-01-10',
      '--priority',
      'high',
    ]);
    expect(created).toMatchObject({
      account_id: 'acme',
      title: 'Call about the renewal',
      due_on: '2024-01-10',
      priority: 'high',
      status: 'open',
      owner_email: 'ana@example.com',
    });
    const overdue = await cliJson(['tasks', 'list', '--owner', 'ana@example.com', '--overdue']);
    expect(overdue.tasks.map((t: { id: string }) => t.id)).toEqual([created.id]);

    const updated = await cliJson([
      'tasks',
      'update',
      created.id,
      '--status',
      'in_progress',
      '--owner',
      'none',
    ]);
    expect(updated).toMatchObject({ status: 'in_progress', owner_email: null });
    expect(await cliJson(['tasks', 'done', created.id])).toMatchObject({ status: 'done' });
    expect((await cliJson(['tasks', 'list', '--status', 'open,in_progress'])).tasks).toEqual([]);
    // Another workspace sees none of it.
    expect((await cliJson(['tasks', 'list'], 'auto-cli-other')).tasks).toEqual([]);
  });

  it('refuses a task on an unknown account and a bad priority, saying why', async () => {
    const unknown = await cli(['tasks', 'create', '--account', 'nope', '--title', 'x']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no account "nope"/);
    const priority = await cli([
      'tasks',
      'create',
      '--account',
      'acme',
      '--title',
      'x',
      '--priority',
      'asap',
    ]);
    expect(priority.code).not.toBe(0);
    expect(priority.stderr).toMatch(/priority/);
  });

  it("reports the lost MRR by cancellation reason, as the API's report", async () => {
    const report = await cliJson(['churn', 'reasons', '--from', '2024-03-01', '--to', '2024-05-01']);
    // globex $300 (03-01, no reason) and acme $100 (04-01, too expensive): 400 lost, 25% and 75%.
    expect(report).toMatchObject({ currency: 'USD', accounts: 2, lost_mrr: 400 });
    expect(
      report.reasons.map((r: { code: string; accounts: number; lost_mrr: number; share: number }) => [
        r.code,
        r.accounts,
        r.lost_mrr,
        r.share,
      ]),
    ).toEqual([
      ['unspecified', 1, 300, 0.75],
      ['too_expensive', 1, 100, 0.25],
    ]);
  });

  it('lists pricing levers, and refuses a discount of 100%', async () => {
    const grandfathered = await cliJson(['pricing', 'grandfathered', '--at', '2024-02-15']);
    expect(grandfathered).toMatchObject({
      currency: 'USD',
      customers: [],
      totals: { accounts: 0, uplift: 0 },
    });
    const annual = await cliJson(['pricing', 'annual', '--at', '2024-02-15', '--discount', '20']);
    expect(annual).toMatchObject({ currency: 'USD', at: '2024-02-15' });
    const bad = await cli(['pricing', 'annual', '--discount', '100']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/percentage/);
  });
});
