import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_WORKSPACE } from './start-demo-server.ts';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it), or another one named here. */
export const CHROMIUM = process.env.TENURE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const WEB_INDEX = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/**
 * Why the browser tests cannot run here, or undefined when they can. They run in the PGlite pass of
 * `npm test` only: they drive a server of their own and would add nothing on the PostgreSQL pass.
 */
export function whyNoBrowserTests(): string | undefined {
  if (process.env.TENURE_TEST_DATABASE_URL) return 'browser tests run in the PGlite pass only';
  if (!fs.existsSync(CHROMIUM)) {
    return `no chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set TENURE_CHROMIUM`;
  }
  return undefined;
}

/** The helpers build nothing: CI runs `npm run build` first, and so must anyone running the tests by hand. */
export function assertDashboardBuilt(): void {
  if (!fs.existsSync(WEB_INDEX))
    throw new Error('web/dist is missing: run `npm run build` before the browser tests');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs `user` in to the demo workspace at `baseUrl` in a new browser context; resolves on the overview. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  user: { email: string; password: string },
  { width = 1280, acceptDownloads = false }: { width?: number; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    locale: 'en-US',
    acceptDownloads,
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/login');
  await page.getByLabel('Workspace').fill(DEMO_WORKSPACE);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  return page;
}

/** A /v1 call from the signed-in page: its session cookie and its CSRF token, as the dashboard sends them. */
export async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/v1/auth/me')).json()) as { csrf_token: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    { method, path, body },
  );
  if (answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json as T;
}
