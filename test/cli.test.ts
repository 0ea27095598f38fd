import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { BIN, cleanCliEnv, createCliStore, runCli } from './helpers/cli.ts';
import { MARCH_2024 } from './helpers/revenue-fixture.ts';
import { engineName } from './helpers/store.ts';

/** Starts a long-running command (`tenure start`); resolves once stdout matches `ready`. */
function spawnCli(args: string[], ready: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cleanCliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ready.test(stdout)) resolve(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited.then((code) => reject(new Error(`exited with ${code} before ready:\n${stdout}\n${stderr}`)));
  });
  return { child, started, exited, output: () => ({ stdout, stderr }) };
}

/** acme pays 100/month from January 2024 and 160 from March (the worked example of shared/spec/cli.md). */
const FIXTURE = {
  'accounts.csv': 'id,name\nacme,Acme Inc\n',
  'invoices.csv': [
    'id,account_id,issued_at,currency,status',
    'inv-1,acme,2024-01-01,USD,paid',
    'inv-2,acme,2024-02-01,USD,paid',
    'inv-3,acme,2024-03-01,USD,paid',
    'inv-4,acme,2024-04-01,USD,open',
  ].join('\n'),
  'invoice_lines.csv': [
    'id,invoice_id,type,subscription_id,service_start,service_end,amount',
    'l-1,inv-1,subscription,sub-1,2024-01-01,2024-02-01,100.00',
    'l-2,inv-2,subscription,sub-1,2024-02-01,2024-03-01,100.00',
    'l-3,inv-3,subscription,sub-1,2024-03-01,2024-04-01,160.00',
    'l-4,inv-4,subscription,sub-1,2024-04-01,2024-05-01,160.00',
  ].join('\n'),
};

let store: { args: string[]; cleanup(): Promise<void> };
let fixtureDir: string;

function writeDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-fixture-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), `${text}\n`);
  return dir;
}

async function cliJson(args: string[]) {
  const run = await runCli([...args, ...store.args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

beforeAll(async () => {
  store = await createCliStore();
  fixtureDir = writeDir(FIXTURE);
  const imported = await runCli(['import', fixtureDir, '--format', 'json', ...store.args]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const summary = JSON.parse(imported.stdout);
  expect(summary.inserted).toBe(9);
  expect(summary.files.map((f: { entity: string }) => f.entity).sort()).toEqual([
    'accounts',
    'invoice_lines',
    'invoices',
  ]);
});
afterAll(async () => {
  await store?.cleanup();
  if (fixtureDir) fs.rmSync(fixtureDir, { recursive: true, force: true });
});

describe(`tenure CLI (${engineName})`, () => {
  it('prints MRR at a date as the JSON of shared/spec/cli.md', async () => {
    expect(await cliJson(['mrr', '--at', '2024-03-15', '--format', 'json'])).toEqual({
      date: '2024-03-15',
      currency: 'USD',
      mrr: 160,
      arr: 1920,
      customers: 1,
    });
  });

  it('accepts the global options before or after the command', async () => {
    const before = await runCli(['--format', 'json', ...store.args, 'mrr', '--at', '2024-01-31']);
    const after = await runCli(['mrr', '--at', '2024-01-31', '--format', 'json', ...store.args]);
    expect(before.code).toBe(0);
    expect(before.stdout).toBe(after.stdout);
    // Piped (not a terminal), the default format is JSON.
    const piped = await runCli(['mrr', '--at', '2024-01-31', ...store.args]);
    expect(piped.stdout).toBe(before.stdout);
    expect(JSON.parse(before.stdout)).toMatchObject({ mrr: 100, customers: 1 });
  });

  it('prints revenue metrics per period', async () => {
    const body = await cliJson([
      'metrics',
      'revenue',
      '--from',
      '2024-03',
      '--to',
      '2024-05',
      '--format',
      'json',
    ]);
    expect(body).toMatchObject({ currency: 'USD', interval: 'month' });
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(body.periods[0]).toMatchObject(MARCH_2024);
    expect(body.periods[2]).toMatchObject({ churn: 160, mrr_end: 0, churned_customers: 1, arpa: null });
  });

  it('prints every movement, and the same rows as CSV', async () => {
    const body = await cliJson(['metrics', 'movements', '--format', 'json']);
    expect(body.currency).toBe('USD');
    expect(
      body.movements.map((m: Record<string, unknown>) => [m.date, m.account_id, m.type, m.amount]),
    ).toEqual([
      ['2024-01-01', 'acme', 'new', 100],
      ['2024-03-01', 'acme', 'expansion', 60],
      ['2024-05-01', 'acme', 'churn', 160],
    ]);
    expect(body.movements[1]).toMatchObject({ mrr_before: 100, mrr_after: 160 });
    const csv = await runCli([
      'metrics',
      'movements',
      '--type',
      'expansion',
      '--format',
      'csv',
      ...store.args,
    ]);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header?.split(',')).toEqual(expect.arrayContaining(['date', 'account_id', 'type', 'amount']));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('2024-03-01');
  });

  it('rejects a bad CSV with exit 1 and file:line: column: message, writing nothing', async () => {
    const dir = writeDir({
      'accounts.csv': 'id,name\nbad-1,Bad One\n',
      'invoices.csv': 'id,account_id,issued_at,currency,status\nbad-inv,bad-1,01/02/2024,USD,paid\n',
    });
    const run = await runCli(['import', dir, '--workspace', 'broken', ...store.args]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(/invoices\.csv:2: issued_at: .+/);
    const movements = await runCli([
      'metrics',
      'movements',
      '--workspace',
      'broken',
      '--format',
      'json',
      ...store.args,
    ]);
    expect(movements.stdout).not.toContain('bad-inv');
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [
      ['mrr', '--bogus'],
      ['metrics', 'revenue', '--from', '2024-01', '--to', '2024-02', '--interval', 'fortnight'],
      ['metrics', 'revenue', '--from', '2024-13', '--to', '2024-02'],
      ['metrics', 'revenue', '--to', '2024-02'],
      ['mrr', '--at', '2024-02-30'],
      ['mrr', '--format', 'xml'],
    ]) {
      const run = await runCli([...args, ...store.args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/error/);
      expect(run.stdout).toBe('');
    }
  });

  it('names the missing workspace when a reading command finds none', async () => {
    const run = await runCli(['mrr', '--workspace', 'nobody', '--format', 'json', ...store.args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('workspace "nobody" has no data yet');
  });

  it('creates an API key that then authenticates against the HTTP API', async () => {
    const created = await cliJson(['api-keys', 'create', '--name', 'ci', '--format', 'json']);
    expect(created.key).toMatch(/^tnr_/);
    const listed = await cliJson(['api-keys', 'list', '--format', 'json']);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.api_keys.map((k: { id: string }) => k.id)).toContain(created.id);
    const direct =
      store.args[0] === '--data-dir' ? { dataDir: store.args[1] } : { databaseUrl: store.args[1] };
    const inProcess = await openStore(direct);
    try {
      const response = await createApp({ store: inProcess }).request('/v1/mrr?at=2024-03-15', {
        headers: { authorization: `Bearer ${created.key}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ mrr: 160, currency: 'USD' });
    } finally {
      await inProcess.close();
    }
    const revoked = await runCli(['api-keys', 'revoke', created.id, '--format', 'json', ...store.args]);
    expect(revoked.code).toBe(0);
  });

  it('start serves the API, prints a first key once, and stops cleanly on SIGTERM', async () => {
    const server = spawnCli(
      ['start', '--port', '0', '--no-demo', '--workspace', 'served', ...store.args],
      /Bearer/,
    );
    const stdout = await server.started;
    const url = /serving (http:\/\/\S+)/.exec(stdout)?.[1];
    const key = /(tnr_[A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(key).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const response = await fetch(`${url}/v1/metrics/movements`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    // The key belongs to "served", which has no data of its own: acme's movements are not its.
    expect(await response.json()).toEqual({ currency: 'USD', movements: [] });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
