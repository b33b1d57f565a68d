/**
 * Debian's Chromium driven by playwright-core: no browser download. Missing Chromium fails the test with how to
 * install it; it never skips.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The browser binary: Debian's package, or FIREBREAK_CHROMIUM. */
export const CHROMIUM = process.env['FIREBREAK_CHROMIUM'] ?? '/usr/bin/chromium';

/** Where screenshots go for people to look at (git-ignored). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/ui');

/**
 * The flags verified on this machine (stack-verified §6). Playwright's `launch()` also gives every run a fresh,
 * temporary `--user-data-dir` of its own and deletes it on close, so no profile or cache carries over.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package with "apt-get install chromium" ` +
        '(.ci/run does), or set FIREBREAK_CHROMIUM to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

/** A fresh browser context (own cookies) at a laptop size, with the server's URL as base. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1440, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Saves a screenshot (the viewport, or the whole page) as test-output/ui/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)'); // else the sticky header lands mid-page
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Collects page errors and failed requests, so a test can show why a page went wrong. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}
