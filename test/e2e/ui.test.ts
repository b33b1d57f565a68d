/**
 * The command centre in Debian's Chromium, against a real server with the demo estate: logging in and out, the
 * board, opening an incident by hand, and a note, a scope change, a task and a state change showing up live in
 * a second page. Screenshots of each screen go to test-output/ui/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, watchErrors } from './browser.js';
import { ADMIN_PASSWORD, logIn, startUiServer, type UiServer } from './ui-fixture.js';

let ui: UiServer;
let browser: Browser;
let admin: BrowserContext;
const problems: string[] = [];

/** Console errors we expect: the 401 of the first "who am I" before logging in. */
const unexpected = () => problems.filter((p) => !/status of 401/.test(p));

/** A new page whose console errors are kept for the final check. */
async function page(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  const seen = watchErrors(p);
  p.on('close', () => problems.push(...seen));
  return p;
}

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting a server
  ui = await startUiServer();
  admin = await newContext(browser, ui.url);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('logging in', () => {
  it('opens on the login page, refuses a wrong password, and shows who is logged in', async () => {
    const p = await page(admin);
    await p.goto('/');
    await expect.poll(() => p.title()).toBe('Log in · Firebreak');
    await screenshot(p, '01-login');

    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByText('Enter your user name.').waitFor();
    await p.getByLabel('User name').fill('admin');
    await p.getByLabel('Password').fill('not-the-password');
    await p.getByLabel('Password').press('Enter'); // the keyboard submits the form
    await p.getByText('Wrong user name or password.').waitFor();

    await logIn(p, 'admin', ADMIN_PASSWORD);
    expect(await p.getByTestId('user-name').textContent()).toContain('Administrator');
    expect(await p.getByTestId('user-role').textContent()).toBe('admin');
    expect(await p.getByTestId('user-entities').textContent()).toBe('All entities');

    await p.getByRole('button', { name: 'Log out' }).click();
    await p.getByLabel('User name').waitFor();
    await p.reload();
    await p.getByLabel('User name').waitFor(); // the session is gone on the server too
    await p.close();
  });
});

describe('the incident board and an incident, live', () => {
  it('opens an incident by hand with per-field errors, then shows a note, scope, task and state change live elsewhere', async () => {
    const a = await page(admin);
    await logIn(a, 'admin', ADMIN_PASSWORD);
    // A second window of its own (a page in the same window would be a background tab, which Chromium throttles).
    const second = await newContext(browser, ui.url);
    await second.addCookies(await admin.cookies());
    const watcher = await page(second);
    await watcher.goto('/');
    await watcher.getByRole('heading', { name: /^Incidents/ }).waitFor();
    await watcher.getByText('Live', { exact: true }).waitFor();

    await a.getByRole('button', { name: '+ New incident' }).click();
    const form = a.getByRole('form', { name: 'New incident' });
    await form.getByLabel('Title').fill('   ');
    await form.getByLabel('Aware since').fill('2021-06-01T22:30');
    await form.getByRole('button', { name: 'Open incident' }).click();
    await form.getByText('must not be empty').waitFor();
    expect(await form.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await screenshot(a, '03-new-incident-errors');

    await form.getByLabel('Title').fill('Ransom note on Tokyo file servers');
    await form.getByLabel('Severity').selectOption('critical');
    await form.getByLabel('Summary').fill('Encrypted shares and a ransom note on tyo-fs01; Qbot suspected.');
    await form.getByLabel(/Hikari Imaging Holdings Corporation/).check();
    await form.getByRole('button', { name: 'Open incident' }).click();
    await a.getByRole('heading', { name: 'Ransom note on Tokyo file servers' }).waitFor();
    const id = /INC-\d+/.exec(a.url())?.[0];
    expect(id).toBeDefined();
    expect(await a.locator('.facts').textContent()).toContain('Aware since (declared)');

    // The board in the other page got it over the board stream.
    const row = watcher.locator(`tr[data-incident="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('critical');
    await screenshot(watcher, '02-board');

    await watcher.getByRole('link', { name: 'Ransom note on Tokyo file servers' }).click();
    await watcher.getByRole('heading', { name: 'Timeline' }).waitFor();
    await watcher.getByText('Live', { exact: true }).waitFor();

    await a.getByLabel('New note').fill('Qbot loader seen on tyo-ws0042');
    await a.getByRole('button', { name: 'Add note' }).click();
    await watcher.locator('.timeline').getByText('admin added a note: Qbot loader seen on tyo-ws0042').waitFor();
    await watcher.locator('.notes').getByText('Qbot loader seen on tyo-ws0042').waitFor();

    await a.getByRole('button', { name: '+ Add to scope' }).click();
    const scope = a.getByRole('form', { name: 'Add to scope' });
    await scope.getByLabel('Host').fill('tyo-fs01');
    await scope.getByLabel('Scope state').selectOption('in_scope');
    await scope.getByRole('button', { name: 'Add to scope' }).click();
    await scope.getByText('must not be empty').waitFor(); // evidence is required
    await scope.getByLabel('Evidence').fill('ransom note on the D: share; files renamed .qbot');
    await scope.getByRole('button', { name: 'Add to scope' }).click();
    const item = watcher.locator('.scope-item[data-ref="tyo-fs01"]');
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('in_scope');
    expect(await item.textContent()).toContain('hik-hd'); // the server resolved the owning entity
    await watcher
      .locator('.timeline')
      .getByText(/marked host tyo-fs01 \(entity hik-hd\) in scope/)
      .waitFor();

    await a.getByLabel('New task').fill('Collect triage from tyo-fs01');
    await a.getByRole('button', { name: 'Add task' }).click();
    await a
      .getByRole('group', { name: 'Move task: Collect triage from tyo-fs01' })
      .getByRole('button', { name: 'Start' })
      .click();
    await watcher.locator('.task[data-status="in_progress"]').getByText('Collect triage from tyo-fs01').waitFor();

    await a.getByRole('button', { name: 'Move to contain' }).click();
    await a.getByLabel(/Reason for/).fill('scope confirmed on the Tokyo file servers');
    await a.getByRole('button', { name: 'Confirm' }).click();
    await watcher.locator('.incident-title-row [data-value="contain"]').waitFor();
    expect(await watcher.getByRole('button', { name: 'Move to eradicate' }).isEnabled()).toBe(true);

    await watcher.getByLabel('Type').selectOption('scope.changed');
    await expect.poll(() => watcher.locator('.timeline-entry').count()).toBe(1);
    await watcher.getByLabel('Type').selectOption('');
    await screenshot(a, '04-incident', true);
    await screenshot(watcher, '05-incident-live-second-page');
    await a.close();
    await watcher.close();
    await second.close();
  });

  it('filters the board and says so when nothing matches', async () => {
    const p = await page(admin);
    await p.goto('/?severity=low');
    await p.getByText('No incidents match these filters.').waitFor();
    await p.getByRole('button', { name: 'Clear filters' }).click();
    await p.locator('tr[data-incident]').first().waitFor();
    await p.keyboard.press('/');
    expect(await p.evaluate<string | undefined>('document.activeElement?.getAttribute("type")')).toBe('search');
    await p.keyboard.type('tokyo file');
    await expect.poll(() => new URL(p.url()).searchParams.get('q')).toBe('tokyo file');
    await expect.poll(() => p.locator('tr[data-incident]').count()).toBe(1);
    await p.close();
  });

  it('has a light theme and scales up on a wall screen', async () => {
    const wall = await newContext(browser, ui.url, { width: 2560, height: 1440 });
    await wall.addCookies(await admin.cookies());
    const p = await page(wall);
    await p.goto('/');
    await p.getByRole('button', { name: 'Switch to the light theme' }).click();
    expect(await p.locator('html').getAttribute('data-theme')).toBe('light');
    const size = await p.evaluate<string>('getComputedStyle(document.documentElement).fontSize');
    expect(Number.parseFloat(size)).toBeGreaterThan(17);
    await p.locator('tr[data-incident]').first().waitFor();
    await screenshot(p, '11-board-wall-light');
    await p.reload();
    expect(await p.locator('html').getAttribute('data-theme')).toBe('light'); // remembered
    await p.locator('tr[data-incident] a').first().click();
    await p.getByRole('heading', { name: 'Timeline' }).waitFor();
    const columns = await p.evaluate<string>(
      "getComputedStyle(document.querySelector('.incident-grid')).gridTemplateColumns",
    );
    expect(columns.split(' ')).toHaveLength(3); // timeline, scope, tasks and notes side by side
    await screenshot(p, '12-incident-wall-light');
    await p.close();
    await wall.close();
    expect(unexpected()).toEqual([]);
  });
});
