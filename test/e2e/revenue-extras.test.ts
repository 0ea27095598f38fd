import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  assertDashboardBuilt,
  launchChromium,
  screenshot,
  signInAs,
  whyNoBrowserTests,
} from './helpers/browser.ts';
import { startDemoServer, type TDemoServer, VIEWER } from './helpers/start-demo-server.ts';

const skipReason = whyNoBrowserTests();
if (skipReason) console.warn(`revenue extras browser tests skipped: ${skipReason}`);

type TCohorts = {
  cohorts: {
    cohort: string;
    months: { logo_retention: number | null; revenue_retention: number | null }[];
  }[];
};
type TRenewals = { periods: { period: string; up_for_renewal: number }[] };

/** A GET of /v1 from the signed-in page, with its session cookie, as the dashboard sends it. */
async function getApi<T>(page: Page, path: string): Promise<T> {
  const answer = await page.evaluate(async (path) => {
    const response = await fetch(path);
    return { status: response.status, json: await response.json() };
  }, path);
  if (answer.status >= 300) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as T;
}

function monthOf(isoDate: string, delta = 0): string {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

describe.skipIf(skipReason !== undefined)('revenue page extras in chromium (cohorts, renewals)', () => {
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

  test('the revenue page shows the cohort heatmap with the API values and the renewals table', async () => {
    const page = await signInAs(browser, demo.url, VIEWER);
    await page.getByRole('navigation').getByRole('link', { name: 'Revenue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revenue' }).waitFor();

    const { date } = await getApi<{ date: string }>(page, '/v1/mrr');
    const range = `from=${monthOf(date, -11)}&to=${monthOf(date)}`;
    const cohorts = await getApi<TCohorts>(page, `/v1/metrics/cohorts?${range}`);
    expect(cohorts.cohorts.length).toBeGreaterThan(0);
    expect(cohorts.cohorts.length).toBeLessThanOrEqual(12);
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
    const first = cohorts.cohorts[0]!.months[0]!;
    const heatmap = page.getByRole('table', { name: 'Cohort retention' });
    await expect
      .poll(() => heatmap.getByTestId('cohort-cell').first().textContent())
      .toBe(percent.format(first.logo_retention!));
    expect(await heatmap.locator('tbody tr').count()).toBe(cohorts.cohorts.length);
    // A later cell of the oldest cohort too, where retention has had time to fall.
    const firstRow = cohorts.cohorts[0]!.months;
    const last = firstRow[firstRow.length - 1]!;
    expect(await heatmap.locator('tbody tr').first().getByTestId('cohort-cell').last().textContent()).toBe(
      percent.format(last.logo_retention!),
    );
    await page.getByLabel('Retention', { exact: true }).selectOption('revenue');
    await expect
      .poll(() => heatmap.getByTestId('cohort-cell').last().textContent())
      .toBe(percent.format(cohorts.cohorts.at(-1)!.months.at(-1)!.revenue_retention!));
    await page.getByLabel('Retention', { exact: true }).selectOption('logo');

    const renewals = await getApi<TRenewals>(page, `/v1/metrics/renewals?${range}`);
    const table = page.getByRole('table', { name: 'Renewals' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(renewals.periods.length);
    const newest = renewals.periods.at(-1)!;
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe(
      String(newest.up_for_renewal),
    );
    await page.getByRole('img', { name: 'Renewal rates per month' }).locator('svg').waitFor();
    // The screenshot helper takes the whole page: heatmap and renewals in one picture.
    await screenshot(page, 'revenue-cohorts');
    await page.context().close();
  });
});
