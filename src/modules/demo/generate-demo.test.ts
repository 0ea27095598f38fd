import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FILES } from './demo-files.ts';
import { generateDemo } from './generate-demo.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-demo-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function generate(name: string, seed: number) {
  const dir = path.join(root, name);
  await generateDemo({ dir, accounts: 60, months: 12, seed, endDate: '2025-01-01' });
  return dir;
}

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.keys(DEMO_FILES).map((file) => [
      file,
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, `${file}.csv`)))
        .digest('hex'),
    ]),
  );
}

function readCsv(dir: string, file: string): string[][] {
  const lines = fs
    .readFileSync(path.join(dir, `${file}.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  return lines.map((line) => line.split(','));
}

describe('generateDemo', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([generate('a', 42), generate('b', 42), generate('c', 7)]);
    expect(digest(a)).toEqual(digest(b));
    expect(digest(c).invoice_lines).not.toEqual(digest(a).invoice_lines);
    expect(digest(c).accounts).not.toEqual(digest(a).accounts);
  });

  it('writes the thirteen files of data.md, each with its exact header and rows', async () => {
    const dir = await generate('headers', 42);
    for (const [file, columns] of Object.entries(DEMO_FILES)) {
      const rows = readCsv(dir, file);
      expect(rows[0], file).toEqual([...columns]);
      expect(rows.length, file).toBeGreaterThan(1);
    }
  });

  it('tells a subscription business story: USD and CRC, trials, discounts, failed payments, churn reasons', async () => {
    const dir = path.join(root, 'story');
    await generateDemo({ dir, accounts: 300, months: 24, seed: 3, endDate: '2025-01-01' });
    const invoices = readCsv(dir, 'invoices').slice(1);
    const crc = invoices.filter((r) => r[3] === 'CRC').length / invoices.length;
    expect(crc).toBeGreaterThan(0.1);
    expect(crc).toBeLessThan(0.3);
    const lines = fs.readFileSync(path.join(dir, 'invoice_lines.csv'), 'utf8');
    expect(lines).toMatch(/,subscription,[^,]+,[^,]+,[\d-]+,[\d-]+,1,0\.00,0\.00,0\.00\n/); // a trial
    expect(lines).toMatch(/,one_time,,/); // onboarding fee
    expect(lines).toMatch(/-annual-v\d-\w+,[\d-]+,[\d-]+,\d+,\d+\.\d\d,[1-9]\d*\.\d\d,/); // annual prepay discount
    const payments = readCsv(dir, 'payments').slice(1);
    expect(payments.some((p) => p[5] === 'failed' && p[6] === 'insufficient_funds')).toBe(true);
    const reasons = new Set(
      readCsv(dir, 'subscriptions')
        .slice(1)
        .map((s) => s[7]),
    );
    for (const reason of ['too_expensive', 'not_using', 'switched_competitor'])
      expect(reasons).toContain(reason);
    const rates = readCsv(dir, 'fx_rates')
      .slice(1)
      .map((r) => 1 / Number(r[2]));
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(504.9);
    expect(Math.max(...rates)).toBeLessThanOrEqual(530.1);
    const accounts = fs.readFileSync(path.join(dir, 'accounts.csv'), 'utf8');
    expect(accounts).toMatch(/S\.A\./);
  });
});
