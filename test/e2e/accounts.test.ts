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
import { ADMIN, startDemoServer, type TDemoServer, VIEWER } from './helpers/start-demo-server.ts';

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

  test('an admin writes a note that renders as text with its line break, pins it, sees it in the timeline; a viewer only reads it', async () => {
    const page = await signIn(ADMIN);
    const { accounts } = await page.evaluate(async () => {
      const response = await fetch('/v1/accounts?limit=1&sort=-mrr');
      return (await response.json()) as { accounts: { account_id: string; name: string }[] };
    });
    const account = accounts[0]!;
    const accountUrl = `${demo.url}/accounts/${encodeURIComponent(account.account_id)}`;
    await page.goto(accountUrl);
    await page.getByRole('heading', { level: 1, name: account.name }).waitFor();

    const notes = page.getByRole('region', { name: 'Notes' });
    const body = 'Renewal call with the CFO\n<b>budget</b> frozen until Q3';
    const composer = notes.getByRole('textbox', { name: 'New note' });
    await composer.fill(body);
    await composer.press('Control+Enter');
    const first = notes.getByTestId('note').first();
    await first.getByText('budget', { exact: false }).waitFor();
    await notes.getByRole('status').filter({ hasText: 'Note saved.' }).waitFor();
    expect(await composer.inputValue()).toBe('');
    // Shown as typed: the tag as text (no <b> element), the line break as a line break (innerText is what
    // is rendered: a collapsed line break would read as a space).
    const text = first.locator('p');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here.
    expect(await text.innerText()).toBe(body);
    expect(await first.locator('b').count()).toBe(0);
    expect(await first.locator('strong').textContent()).toBe(ADMIN.email);

    await first.getByRole('button', { name: 'Pin' }).click();
    await first.getByText('Pinned', { exact: true }).waitFor();
    await first.getByRole('button', { name: 'Unpin' }).waitFor();

    const timeline = page.getByRole('list', { name: 'Timeline' });
    const item = timeline.locator('li').filter({ hasText: 'budget' });
    await item.waitFor();
    expect(await item.locator('.kind').textContent()).toMatch(/note/i);
    expect(await item.textContent()).toContain(
      `${ADMIN.email} (pinned): Renewal call with the CFO <b>budget</b>`,
    );
    await notes.scrollIntoViewIfNeeded();
    await screenshot(page, 'account-notes');

    const viewer = await signIn(VIEWER);
    await viewer.goto(accountUrl);
    const viewerNotes = viewer.getByRole('region', { name: 'Notes' });
    const viewerFirst = viewerNotes.getByTestId('note').first();
    await viewerFirst.getByText('budget', { exact: false }).waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here.
    expect(await viewerFirst.locator('p').innerText()).toBe(body);
    await viewerFirst.getByText('Pinned', { exact: true }).waitFor();
    expect(await viewerNotes.getByRole('textbox').count()).toBe(0);
    expect(await viewerNotes.getByRole('button').count()).toBe(0);
    await viewerNotes.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'account-notes-viewer');

    // The same in Spanish on a tablet: the section, its badge and the timeline's label are translated.
    await viewer.setViewportSize({ width: 768, height: 1024 });
    await viewer.getByLabel('Language').selectOption('es');
    const notas = viewer.getByRole('region', { name: 'Notas' });
    await notas.getByText('Fijada', { exact: true }).waitFor();
    await notas.getByText('1 nota', { exact: true }).waitFor();
    const nota = viewer.getByRole('list', { name: 'Cronología' }).locator('li').filter({ hasText: 'budget' });
    expect(await nota.textContent()).toContain(`${ADMIN.email} (fijada): Renewal call`);
    expect(await viewer.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth)).toBe(true);
    await notas.scrollIntoViewIfNeeded();
    await screenshot(viewer, 'account-notes-es-tablet');
  }, 120_000);
});
