import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliStore, runCli, type TCliStore } from './helpers/cli.ts';
import { engineName } from './helpers/store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-health-cli-'));
let store: TCliStore;
const run = (args: string[]) => runCli([...args, ...store.args]);

/** An embedded store in a temporary directory, or a database of its own on the test server. */
beforeAll(async () => {
  store = await createCliStore('tenure-health-cli');
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  fs.writeFileSync(path.join(data, 'accounts.csv'), 'id,name\nacme,Acme Inc\n');
  fs.writeFileSync(
    path.join(data, 'tickets.csv'),
    'id,account_id,opened_at,status,subject\nt1,acme,2026-03-01,open,Slow\nt2,acme,2026-03-02,open,Broken\n',
  );
  const imported = await run(['import', data]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  await store.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`tenure health (${engineName})`, () => {
  it('scores the portfolio on first use and explains an account; contributions add up to the score', async () => {
    const portfolio = await run(['health', '--at', '2026-03-10', '--format', 'json']);
    expect(portfolio.code, portfolio.stderr).toBe(0);
    const result = JSON.parse(portfolio.stdout);
    expect(result).toMatchObject({ date: '2026-03-10', total: 1 });
    expect(result.accounts[0]).toMatchObject({ account_id: 'acme', scorecard: 'default' });
    const account = await run(['health', '--account', 'acme', '--at', '2026-03-10', '--format', 'json']);
    expect(account.code, account.stderr).toBe(0);
    const health = JSON.parse(account.stdout);
    expect(health.score).toBe(result.accounts[0].score);
    const total = health.explanation.reduce(
      (sum: number, m: { contribution: number }) => sum + m.contribution,
      0,
    );
    expect(total).toBeCloseTo(health.score, 6);
    expect(health.explanation.length).toBeGreaterThan(0);
    const table = await run(['health', '--account', 'acme', '--at', '2026-03-10', '--format', 'table']);
    expect(table.stdout).toContain('Acme Inc (acme) on 2026-03-10');
    expect(table.stdout).toContain('Contribution');
  });

  it('applies a scorecard file once, and names the file and JSON path of an invalid one', async () => {
    const good = path.join(dir, 'onboarding.json');
    fs.writeFileSync(
      good,
      JSON.stringify({
        id: 'onboarding',
        name: 'Onboarding',
        applies_to: { stage: 'onboarding' },
        measures: [
          {
            key: 'open',
            label: 'Open tickets',
            metric: 'open_tickets',
            weight: 1,
            rule: { type: 'linear', worst: 4, best: 0 },
          },
        ],
      }),
    );
    expect((await run(['health', 'scorecards', 'apply', good, '--format', 'json'])).stdout).toContain(
      '"created"',
    );
    expect((await run(['health', 'scorecards', 'apply', good, '--format', 'json'])).stdout).toContain(
      '"unchanged"',
    );
    const list = JSON.parse((await run(['health', 'scorecards', 'list', '--format', 'json'])).stdout);
    expect(list.scorecards.map((s: { id: string }) => s.id)).toEqual(['default', 'onboarding']);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        id: 'bad',
        name: 'Bad',
        measures: [
          {
            key: 'x',
            label: 'X',
            metric: 'open_tickets',
            weight: 0,
            rule: { type: 'linear', worst: 1, best: 0 },
          },
        ],
      }),
    );
    const failed = await run(['health', 'scorecards', 'apply', bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('bad.json');
    expect(failed.stderr).toContain('measures.0.weight');
  });
});
