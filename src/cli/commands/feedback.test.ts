import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineName } from '../../../test/helpers/store.ts';
import { FEEDBACK_FIXTURE } from '../../modules/feedback/test-fixture.ts';
import { main } from '../main.ts';

let storeArgs: string[];
let cleanup: () => Promise<void>;

/** A store of the CLI's own: a data directory, or a fresh database on the test server. */
beforeAll(async () => {
  const serverUrl = process.env.TENURE_TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-feedback-cli-'));
    storeArgs = ['--data-dir', dir];
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const url = new URL(serverUrl);
    const name = `tenure_feedback_${randomBytes(5).toString('hex')}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: serverUrl, user: url.username || 'postgres' });
      await client.connect();
      await client.query(query);
      await client.end();
    };
    await admin(`create database ${name}`);
    url.pathname = `/${name}`;
    storeArgs = ['--database-url', url.toString()];
    cleanup = () => admin(`drop database if exists ${name} with (force)`);
  }
  expect(await run('import', FEEDBACK_FIXTURE)).toMatchObject({ code: 0 });
});
afterAll(() => cleanup());

/** Runs one command line in this process, capturing what it writes to stdout. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const format = argv.includes('--format') ? [] : ['--format', 'json'];
    const code = await main([...argv, ...storeArgs, ...format]);
    return { code, stdout };
  } finally {
    write.mockRestore();
    stderr.mockRestore();
  }
}

describe(`tenure feedback themes (${engineName})`, () => {
  it('prints the themes as JSON, the same as the API', async () => {
    const { code, stdout } = await run('feedback', 'themes', '--from', '2024-03-01', '--to', '2024-03-31');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.themes.map((t: any) => [t.theme, t.count])).toEqual([
      ['precio', 5],
      ['soporte', 5],
      ['bugs', 3],
      ['reports', 2],
      ['slow', 2],
    ]);
    expect(result.fix_first.map((t: any) => t.theme)).toEqual(['soporte', 'precio']);
  });

  it('prints a table with count, share, NPS mix, MRR, fix-first rank and an example', async () => {
    const { code, stdout } = await run(
      'feedback',
      'themes',
      '--from',
      '2024-03-01',
      '--to',
      '2024-03-31',
      '--source',
      'tickets',
      '--format',
      'table',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('2024-03-01 – 2024-03-31: 6 texts, 2 in themes');
    const row = stdout.split('\n').find((line) => line.includes('support'))!;
    expect(row.split('│').map((cell) => cell.trim())).toEqual([
      '',
      'support',
      '2',
      '33.33%',
      '0/0/0',
      '$150.00', // hooli 50 + acme 100
      '',
      'Nadie respondió mi último tiquete',
      '',
    ]);
  });

  it('exits 2 on a bad option value', async () => {
    expect((await run('feedback', 'themes', '--source', 'emails')).code).toBe(2);
    expect((await run('feedback', 'themes', '--from', '2024-02-30')).code).toBe(2);
  });
});
