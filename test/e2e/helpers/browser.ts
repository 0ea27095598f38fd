import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

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
