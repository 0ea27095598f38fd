import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connect.ts';
import { defaultDunningPolicy } from '../src/modules/dunning/dunning-policy.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';
import { createCliStore, runCli, type TCliStore } from './helpers/cli.ts';
import { engineName } from './helpers/store.ts';

const WS = 'dun-cli';

describe(`tenure dunning (${engineName})`, () => {
  let store: TCliStore;

  const cliJson = async (args: string[]) => {
    const run = await runCli([...args, '--workspace', WS, '--format', 'json', ...store.args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    store = await createCliStore('tenure-dun-cli');
    // Seeded through the library, then closed: the embedded store allows one process at a time.
    const seeded = await openStore(store.options);
    try {
      const db = seeded.db;
      for (const [ws, account] of [
        [WS, 'acme'],
        ['dun-cli-other', 'globex'],
      ] as const) {
        await ensureWorkspace({ db, workspaceId: ws, reportingCurrency: 'USD' });
        await db.insertInto('accounts').values({ workspace_id: ws, id: account, name: account }).execute();
      }
      // acme: inv_1 recovered on attempt 2 (120 USD, MRR 60); inv_2 failed (80 USD, MRR 40), both in March 2025.
      // globex (another workspace): one open case that must never show.
      const cases = [
        [WS, 'acme', 'inv_1', 'recovered', 'insufficient_funds', 120, 60, 2, '2025-03-04T09:00:00Z'],
        [WS, 'acme', 'inv_2', 'failed', 'do_not_honor', 80, 40, null, '2025-03-12T09:00:00Z'],
        [
          'dun-cli-other',
          'globex',
          'inv_x',
          'open',
          'insufficient_funds',
          999,
          999,
          null,
          '2025-03-05T09:00:00Z',
        ],
      ] as const;
      for (const [ws, account, invoice, status, code, amount, mrr, attempt, opened] of cases) {
        await db
          .insertInto('invoices')
          .values({
            workspace_id: ws,
            id: invoice,
            account_id: account,
            issued_at: opened,
            currency: 'USD',
            status: status === 'recovered' ? 'paid' : 'open',
          })
          .execute();
        await db
          .insertInto('dunning_cases')
          .values({
            workspace_id: ws,
            id: `dun_${invoice}`,
            invoice_id: invoice,
            account_id: account,
            status,
            decline_kind: 'soft',
            first_failure_code: code,
            last_failure_code: code,
            last_failure_at: opened,
            attempts_made: attempt ?? 8,
            amount,
            currency: 'USD',
            amount_reporting: amount,
            mrr,
            policy: JSON.stringify(defaultDunningPolicy(null)),
            schedule_anchor: opened,
            opened_at: opened,
            recovered_attempt: attempt,
            final_action_taken: status === 'failed' ? 'leave_past_due' : null,
          })
          .execute();
      }
    } finally {
      await seeded.close();
    }
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('prints the workspace cases as JSON, newest first, and filters by status', async () => {
    const all = await cliJson(['dunning', 'cases']);
    expect(all.cases.map((c: { id: string }) => c.id)).toEqual(['dun_inv_2', 'dun_inv_1']);
    expect(all.cases[1]).toMatchObject({
      invoice_id: 'inv_1',
      account_id: 'acme',
      status: 'recovered',
      first_failure_code: 'insufficient_funds',
      amount: 120,
      currency: 'USD',
      mrr: 60,
      recovered_attempt: 2,
      opened_at: '2025-03-04T09:00:00.000Z',
    });
    const failed = await cliJson(['dunning', 'cases', '--status', 'failed']);
    expect(failed.cases).toMatchObject([{ id: 'dun_inv_2', final_action_taken: 'leave_past_due' }]);
    const bad = await runCli(['dunning', 'cases', '--status', 'lost', '--workspace', WS, ...store.args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error/);
  }, 120_000);

  it('prints recovery metrics as JSON', async () => {
    const metrics = await cliJson(['dunning', 'metrics', '--from', '2025-03-01', '--to', '2025-04-01']);
    // 1 recovered of 2: rate 0.5; recovered 120 USD and MRR 60; lost MRR 40 (the failed case).
    expect(metrics).toMatchObject({
      currency: 'USD',
      from: '2025-03-01',
      to: '2025-04-01',
      cases: 2,
      recovered: 1,
      failed: 1,
      recovery_rate: 0.5,
      recovered_amount: 120,
      recovered_mrr: 60,
      lost_mrr: 40,
    });
    expect(metrics.by_decline_code).toMatchObject([
      { decline_code: 'do_not_honor', cases: 1, recovered: 0, lost_mrr: 40 },
      { decline_code: 'insufficient_funds', cases: 1, recovered: 1, recovered_mrr: 60 },
    ]);
    expect(metrics.by_recovered_attempt).toMatchObject([{ attempt: 2, cases: 1, recovered_amount: 120 }]);
    const missing = await runCli([
      'dunning',
      'metrics',
      '--to',
      '2025-04-01',
      '--workspace',
      WS,
      ...store.args,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from');
  }, 120_000);
});
