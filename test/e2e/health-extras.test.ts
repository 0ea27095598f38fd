import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assertDashboardBuilt,
  callApi,
  launchChromium,
  screenshot,
  signInAs,
  whyNoBrowserTests,
} from './helpers/browser.ts';
import { ADMIN, startDemoServer, type TDemoServer, VIEWER } from './helpers/start-demo-server.ts';

const skipReason = whyNoBrowserTests();
if (skipReason) console.warn(`health extras browser tests skipped: ${skipReason}`);

type THealthRow = { account_id: string; name: string; delta_7d: number | null };
type TScorecard = {
  id: string;
  version: number;
  name: string;
  definition: { bands?: { red_below?: number; green_from?: number } };
};
type TPreview = {
  band_changes: { total: number };
  bands: { band: string; current: { count: number }; draft: { count: number } }[];
};

describe.skipIf(skipReason !== undefined)('health page additions in chromium (issue 5)', () => {
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
    signInAs(browser, demo.url, user);

  test('the health page shows the biggest movers, health by segment and a backtest whose AUC is the API one', async () => {
    const page = await signIn(ADMIN);
    await callApi(page, 'POST', '/v1/segments', { name: 'Paying customers', filter: 'mrr > 0' });
    await callApi(page, 'POST', '/v1/segments', { name: 'Red accounts', filter: 'health_band = "red"' });
    // The demo stores today's scores only: scoring a week ago (from data known then) gives 7-day deltas.
    const today = await callApi<{ date: string }>(page, 'GET', '/v1/health?limit=1');
    const weekAgo = new Date(Date.parse(`${today.date}T00:00:00Z`) - 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await callApi(page, 'POST', '/v1/health/recompute', { at: weekAgo });
    await page.getByRole('navigation').getByRole('link', { name: 'Health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();

    // Movers: the largest 7-day rise of the whole day's portfolio heads the "Improved most" table.
    const portfolio = await callApi<{ accounts: THealthRow[] }>(page, 'GET', '/v1/health?limit=10000');
    const rises = portfolio.accounts
      .filter((a) => (a.delta_7d ?? 0) > 0)
      .sort((a, b) => b.delta_7d! - a.delta_7d!);
    const falls = portfolio.accounts
      .filter((a) => (a.delta_7d ?? 0) < 0)
      .sort((a, b) => a.delta_7d! - b.delta_7d!);
    expect(rises.length + falls.length).toBeGreaterThan(0);
    // Ties share the top place: the first row is one of the accounts with the largest change.
    const topNames = (rows: THealthRow[]) =>
      rows.filter((a) => a.delta_7d === rows[0]!.delta_7d).map((a) => a.name);
    const headsTable = (table: string, names: string[]) =>
      expect
        .poll(async () => {
          const text =
            (await page.getByRole('table', { name: table }).locator('tbody tr').first().textContent()) ?? '';
          return names.some((name) => text.includes(name));
        })
        .toBe(true);
    if (rises.length > 0) await headsTable('Improved most', topNames(rises));
    if (falls.length > 0) await headsTable('Declined most', topNames(falls));

    // By segment: the red segment's members are all red; the counts are the accounts API's totals.
    const bySegment = page.getByRole('table', { name: 'Health by segment' });
    const redRow = bySegment.locator('tr', { hasText: 'Red accounts' });
    await redRow.waitFor();
    const reds = await callApi<{ total: number }>(
      page,
      'GET',
      `/v1/accounts?limit=1&filter=${encodeURIComponent('health_band = "red"')}`,
    );
    expect(reds.total).toBeGreaterThan(0);
    const cells = await redRow.locator('td').allTextContents();
    expect(cells).toEqual([String(reds.total), '0', '0', '0', String(reds.total)]);
    await page
      .getByRole('img', { name: 'Accounts per health band in each segment' })
      .locator('svg')
      .waitFor();

    // Backtest: only on request, with a progress message, then the API's AUC.
    expect(await page.getByTestId('backtest-auc').count()).toBe(0);
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const result = await callApi<{ auc: number | null }>(page, 'GET', '/v1/health/backtest?horizon=90');
    expect(result.auc).not.toBeNull();
    const auc = new Intl.NumberFormat('en', { maximumFractionDigits: 3 }).format(result.auc!);
    await expect.poll(() => page.getByTestId('backtest-auc').textContent(), { timeout: 60_000 }).toBe(auc);
    await page.getByRole('table', { name: 'Calibration' }).waitFor();
    await page.getByRole('table', { name: 'Churn by band' }).waitFor();
    await screenshot(page, 'health-extras');
    await page.context().close();
  }, 120_000);
  test('a manager edits a scorecard: the live preview shows what the preview API says, and saving adds a version', async () => {
    const page = await signIn(ADMIN);
    const before = await callApi<TScorecard>(page, 'GET', '/v1/health/scorecards/default');
    await page.getByRole('navigation').getByRole('link', { name: 'Health' }).click();
    await page.getByRole('link', { name: 'Scorecards' }).click();
    await page.getByRole('link', { name: `Edit ${before.name}` }).click();
    await page.getByRole('heading', { name: `${before.name} · version ${before.version}` }).waitFor();
    await page.getByTestId('preview-changes').waitFor();

    // Green from 60 instead of 70: the preview must settle on exactly what the API answers for that draft.
    await page.getByRole('group', { name: 'Bands' }).getByLabel('Green from').fill('60');
    const draft = { ...before.definition, bands: { ...before.definition.bands, green_from: 60 } };
    const expected = await callApi<TPreview>(page, 'POST', '/v1/health/scorecards/preview', draft);
    expect(expected.band_changes.total).toBeGreaterThan(0);
    const number = new Intl.NumberFormat('en-US').format;
    const shown = async () => ({
      changes: await page.getByTestId('preview-changes').textContent(),
      bands: await Promise.all(
        ['red', 'yellow', 'green'].map((band) => page.getByTestId(`preview-draft-${band}`).textContent()),
      ),
    });
    await expect.poll(shown, { timeout: 20_000 }).toEqual({
      changes: number(expected.band_changes.total),
      bands: expected.bands.map((b) => number(b.draft.count)),
    });
    await page.getByRole('table', { name: 'Band changes' }).waitFor();
    await page
      .getByRole('img', { name: /Bar chart of accounts per band/ })
      .locator('svg')
      .waitFor();
    await screenshot(page, 'scorecard-editor');
    await page.setViewportSize({ width: 768, height: 900 });
    await screenshot(page, 'scorecard-editor-768');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved as version ${before.version + 1}.` })
      .waitFor();
    await page.getByRole('heading', { name: `${before.name} · version ${before.version + 1}` }).waitFor();
    const after = await callApi<TScorecard>(page, 'GET', '/v1/health/scorecards/default');
    expect(after.version).toBe(before.version + 1);
    expect(after.definition.bands?.green_from).toBe(60);
    await page.context().close();

    // A viewer reads the scorecard without any control to change it.
    const viewer = await signIn(VIEWER);
    await viewer.goto(`${demo.url}/health?view=scorecards&scorecard=default`);
    await viewer.getByRole('table', { name: 'Measures' }).waitFor();
    expect(await viewer.getByRole('button', { name: /Save as version/ }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'New scorecard' }).count()).toBe(0);
    await viewer.context().close();
  }, 120_000);
});
