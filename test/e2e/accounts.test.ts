import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assertDashboardBuilt,
  launchChromium,
  screenshot,
  signInAs,
  whyNoBrowserTests,
} from './helpers/browser.ts';
import { ADMIN, startDemoServer, type TDemoServer } from './helpers/start-demo-server.ts';

const skipReason = whyNoBrowserTests();
if (skipReason) console.warn(`accounts browser tests skipped: ${skipReason}`);

/** RFC 4180 records: a comma or line break inside a quoted field does not end the field or the record. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && ch === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field || record.length > 0) records.push([...record, field]);
  return records;
}

describe.skipIf(skipReason !== undefined)('accounts page in chromium (issue 5: views and export)', () => {
  let demo: TDemoServer;
  let browser: Browser;

  beforeAll(async () => {
    assertDashboardBuilt();
    [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const signIn = (user: { email: string; password: string }): Promise<Page> =>
    signInAs(browser, demo.url, user, { acceptDownloads: true });

  test('a tier filter saved as a view re-opens after a reload and exports every matching account', async () => {
    const page = await signIn(ADMIN);
    const { total } = await page.evaluate(async () => {
      const response = await fetch(`/v1/accounts?limit=1&filter=${encodeURIComponent('tier = "core"')}`);
      return (await response.json()) as { total: number };
    });
    expect(total).toBeGreaterThan(0);

    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.getByLabel('Tier').selectOption('core');
    await page.waitForURL('**/accounts?*tier=core*');
    await page.getByText(`of ${total}`, { exact: false }).waitFor();

    await page.getByLabel('View name').fill('Core accounts');
    await page.getByRole('button', { name: 'Save view' }).click();

    await page.goto(`${demo.url}/accounts`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    expect(await page.getByLabel('Tier').inputValue()).toBe('');
    await page.getByRole('link', { name: 'Open view Core accounts' }).click();
    await page.waitForURL('**/accounts?*tier=core*');
    expect(await page.getByLabel('Tier').inputValue()).toBe('core');
    await page.getByText(`of ${total}`, { exact: false }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    expect(records[0]).toEqual([
      'Account',
      'Owner',
      'Tier',
      'Stage',
      'MRR',
      'Health',
      'Score',
      'account_id',
      'mrr',
      'health_score',
    ]);
    const rows = records.slice(1);
    expect(rows).toHaveLength(total);
    expect(rows.every((row) => row[2] === 'core')).toBe(true);
    await screenshot(page, 'accounts');
  }, 120_000);
});
