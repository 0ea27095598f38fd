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

type TLocale = 'en' | 'es';
type TMessageKey = string;

// The dashboard's own dictionaries, loaded at run time: a static import would put React's placeholder DOM
// types into the Node type-check of the whole test tree (which has no DOM library).
const I18N = '../../web/src/i18n.ts';
const { MESSAGES } = (await import(I18N)) as { MESSAGES: Record<TLocale, Record<string, string>> };

/** The text of `key` in `locale`; a key the dictionary lacks fails the test rather than matching nothing. */
function text(locale: TLocale, key: TMessageKey): string {
  const found = MESSAGES[locale][key];
  if (found === undefined) throw new Error(`no ${locale} text for ${key}`);
  return found;
}

/** Every page of the navigation, by its nav label and h1 title (the account page's h1 is the account name). */
const NAV_PAGES: { name: string; nav: TMessageKey; title: TMessageKey }[] = [
  { name: 'overview', nav: 'nav.overview', title: 'overview.title' },
  { name: 'revenue', nav: 'nav.revenue', title: 'revenue.title' },
  { name: 'accounts', nav: 'nav.accounts', title: 'accounts.title' },
  { name: 'health', nav: 'nav.health', title: 'health.title' },
  { name: 'segments', nav: 'nav.segments', title: 'segments.title' },
  { name: 'feedback', nav: 'nav.feedback', title: 'feedback.title' },
  { name: 'tasks', nav: 'nav.tasks', title: 'tasks.title' },
  { name: 'playbooks', nav: 'nav.playbooks', title: 'playbooks.title' },
  { name: 'dunning', nav: 'nav.dunning', title: 'dunning.title' },
  { name: 'retention', nav: 'nav.retention', title: 'retention.title' },
  { name: 'settings', nav: 'nav.settings', title: 'settings.title' },
];

const KEYS = new Set(Object.keys(MESSAGES.en));

/**
 * The texts of one language that the other translates differently, as whole-text patterns (`{count}`
 * matches anything): one of them on a page of the other language is a text someone forgot to translate.
 */
function foreignPatterns(locale: TLocale): { key: string; pattern: RegExp }[] {
  const other: TLocale = locale === 'es' ? 'en' : 'es';
  return Object.keys(MESSAGES.en)
    .filter((key) => text(other, key) !== text(locale, key))
    .map((key) => {
      const source = text(other, key)
        .trim()
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{\w+\\?\}|\{\w+\}/g, '.+');
      return { key, pattern: new RegExp(`^${source}$`) };
    });
}

type TPageTexts = { texts: string[]; unnamed: string[]; overflow: number; h1: string };

/** The visible text nodes (options of closed selects too) and accessible names/hints, one string each. */
async function readPage(page: Page): Promise<TPageTexts> {
  return page.locator('body').evaluate((body) => {
    const document = body.ownerDocument;
    const texts: string[] = [];
    const walker = document.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      // User data the dashboard shows as typed (filters, JSON, comments) is not the dashboard's text.
      if (!parent || !text || parent.closest('script, style, code, pre, textarea')) continue;
      if (parent.closest('option') || parent.checkVisibility()) texts.push(text);
    }
    for (const element of body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
        if (element.getAttribute(name)) texts.push(element.getAttribute(name).trim());
    // Controls a screen reader could not name: no label, aria-label(ledby) or title; buttons without text.
    const unnamed: string[] = [];
    for (const control of body.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
      const named =
        control.labels?.length > 0 ||
        control.getAttribute('aria-label') ||
        control.getAttribute('aria-labelledby') ||
        control.getAttribute('title') ||
        (control.tagName === 'BUTTON' && control.textContent.trim());
      if (!named) unnamed.push(control.outerHTML.slice(0, 80));
    }
    const view = document.defaultView;
    return {
      unnamed,
      texts,
      overflow: document.documentElement.scrollWidth - view.innerWidth,
      h1: document.querySelector('h1')?.textContent ?? '',
    };
  });
}

/** What a page in `locale` must not show: raw keys, the other language's texts, raw codes like `non_core`. */
function findProblems(locale: TLocale, texts: string[]): string[] {
  const foreign = foreignPatterns(locale);
  const problems: string[] = [];
  for (const text of new Set(texts)) {
    for (const token of text.match(/\b[a-z0-9]+(?:\.[\w-]+)+\b/g) ?? [])
      if (KEYS.has(token)) problems.push(`raw key ${token}`);
    const match = foreign.find(({ pattern }) => pattern.test(text));
    if (match) problems.push(`untranslated "${text}" (${match.key})`);
    if (/^[a-z]+(?:_[a-z]+)+$/.test(text)) problems.push(`raw code "${text}"`);
  }
  return problems;
}

/** Waits until no query of the page is loading any more. */
async function settle(page: Page, locale: TLocale): Promise<void> {
  const loading = text(locale, 'common.loading');
  await expect.poll(() => page.getByText(loading, { exact: true }).count(), { timeout: 20_000 }).toBe(0);
}

async function checkPage(page: Page, locale: TLocale, name: string, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  await settle(page, locale);
  const { texts, unnamed, overflow, h1 } = await readPage(page);
  const problems = findProblems(locale, texts);
  await screenshot(page, `${locale === 'es' ? 'es-tablet' : 'en-desktop'}-${name}`);
  expect.soft({ name, h1, overflow: Math.max(0, overflow), problems, unnamed }).toEqual({
    name,
    h1: title,
    overflow: 0,
    problems: [],
    unnamed: [],
  });
}

type TAccountCodes = {
  summary: { stage: string | null };
  health: {
    scorecard: { id: string; name: string };
    explanation: { id: string; group: string | null }[];
  };
};

/**
 * The Spanish account page's codes in words, which the text check cannot tell from data: its stage (in the
 * facts and, as changes, in the timeline) and the default scorecard's name and groups.
 */
async function checkAccountCodes(page: Page): Promise<void> {
  const id = new URL(page.url()).pathname.split('/').at(-1)!;
  const [summary, health] = await Promise.all([
    getApi<TAccountCodes['summary']>(page, `/v1/accounts/${id}/summary`),
    getApi<TAccountCodes['health']>(page, `/v1/health/accounts/${id}`),
  ]);
  // The stage in the facts, and every stage change of the timeline, in words rather than as a code.
  const facts = (await page.getByTestId('account-facts').textContent()) ?? '';
  if (summary.stage) expect.soft(facts).toContain(text('es', `accounts.stage.${summary.stage}`));
  const changes = await page
    .getByRole('list', { name: text('es', 'account360.timeline') })
    .getByText(`${text('es', 'timeline.stage_changed')}:`)
    .allTextContents();
  for (const change of changes) expect.soft(change).not.toMatch(/→ [a-z_]+$/);
  if (health.scorecard.id !== 'default') return;
  // The default scorecard is ours: its name and group labels in Spanish, not its English name or keys.
  expect
    .soft(await page.locator('p.score-line').textContent())
    .toContain(text('es', 'scorecards.defaultName'));
  const groups = await page
    .getByRole('table', { name: text('es', 'account.explanation') })
    .locator('tbody td:nth-child(2)')
    .allTextContents();
  expect.soft(groups).toEqual(health.explanation.map((m) => text('es', `scorecards.group.${m.group}`)));
}

/** The focused element, and whether it shows a focus ring someone can see (an outline of 2 px or more). */
async function focused(page: Page): Promise<{ text: string; tag: string; ring: boolean }> {
  return page.locator('body').evaluate((body) => {
    const element = body.ownerDocument.activeElement;
    if (!element || element === body) return { text: '', tag: '', ring: false };
    const style = body.ownerDocument.defaultView.getComputedStyle(element);
    return {
      text: (element.textContent ?? '').trim(),
      tag: element.tagName.toLowerCase(),
      ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab until the focused element is `target` (at most `limit` times), checking every focus ring. */
async function tabTo(page: Page, target: { text?: string; tag?: string }, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.ring, `focus ring on <${now.tag}> "${now.text}"`).toBe(true);
    if (
      (target.text === undefined || now.text === target.text) &&
      (target.tag === undefined || now.tag === target.tag)
    )
      return;
  }
  throw new Error(`${JSON.stringify(target)} not reached with ${limit} presses of Tab`);
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

  test('every page in Spanish at tablet width: translated, formatted, no page overflow, keyboard reachable', async () => {
    const page = await signInAs(browser, demo.url, ADMIN);
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByLabel('Language').selectOption('es');
    for (const item of NAV_PAGES) {
      await page
        .getByRole('navigation', { name: text('es', 'nav.main') })
        .getByRole('link', { name: text('es', item.nav) })
        .click();
      await checkPage(page, 'es', item.name, text('es', item.title));
      if (item.name === 'accounts') {
        const first = page
          .getByRole('table', { name: text('es', 'accounts.title') })
          .locator('tbody a')
          .first();
        const accountName = (await first.textContent()) ?? '';
        await first.click();
        await checkPage(page, 'es', 'account', accountName);
        await checkAccountCodes(page);
      }
    }

    // By keyboard from a fresh load: the skip link first, then the navigation, each with a visible ring,
    // and the page's primary action.
    await page.goto(`${demo.url}/`);
    await page.getByRole('heading', { level: 1, name: text('es', 'overview.title') }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ text: text('es', 'shell.skip'), tag: 'a', ring: true });
    await tabTo(page, { text: text('es', 'nav.tasks') });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: text('es', 'tasks.title') }).waitFor();
    await tabTo(page, { text: text('es', 'tasks.save'), tag: 'button' });
    // The language menu by keyboard too (the first select of the page): back to English, kept in the profile.
    await page.goto(`${demo.url}/tasks`);
    await page.getByRole('heading', { level: 1, name: text('es', 'tasks.title') }).waitFor();
    await tabTo(page, { tag: 'select' });
    await page.keyboard.press('ArrowUp');
    await page.getByRole('heading', { level: 1, name: text('en', 'tasks.title') }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: text('en', 'tasks.title') }).waitFor();

    // A laptop in English: the same facts the other way round.
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const item of NAV_PAGES.filter((p) =>
      ['overview', 'accounts', 'dunning', 'retention'].includes(p.name),
    )) {
      await page
        .getByRole('navigation', { name: text('en', 'nav.main') })
        .getByRole('link', { name: text('en', item.nav) })
        .click();
      await checkPage(page, 'en', item.name, text('en', item.title));
    }
    await page.context().close();
  }, 240_000);
});
