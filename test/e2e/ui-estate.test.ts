/**
 * The estate map in Debian's Chromium (WebGL through SwiftShader), and what an entity-scoped user sees: a UK
 * entity lead, created through the API, sees incidents touching the UK and UK hosts only, and may act on them
 * but not move the lifecycle.
 * Screenshots go to test-output/ui/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, watchErrors } from './browser.js';
import { ADMIN_PASSWORD, logIn, startUiServer, type UiServer } from './ui-fixture.js';

let ui: UiServer;
let browser: Browser;
let tokyo: string;
let german: string;
let british: string;
const LEAD_PASSWORD = 'uk-lead-long-password';

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting a server
  ui = await startUiServer();
  const open = async (title: string, entity: string) =>
    (await ui.api<{ id: string }>('POST', '/api/incidents', { title, severity: 'high', entities: [entity] })).id;
  tokyo = await open('Ransom note on Tokyo file servers', 'hik-hd');
  german = await open('Düsseldorf plant line stopped', 'hik-de');
  british = await open('UK print servers encrypted', 'hik-uk');
  await ui.api('POST', `/api/incidents/${tokyo}/events`, {
    type: 'scope.changed',
    payload: { kind: 'host', ref: 'tyo-fs01', state: 'in_scope', evidence: 'ransom note' },
  });
  await ui.api('POST', `/api/incidents/${tokyo}/events`, {
    type: 'scope.changed',
    payload: { kind: 'segment', ref: 'tokyo-hq-office', state: 'suspected', evidence: 'Qbot beacons' },
  });
  await ui.api('POST', `/api/incidents/${tokyo}/events`, {
    type: 'scope.changed',
    payload: { kind: 'entity', ref: 'hik-uk', state: 'cleared', evidence: 'EDR sweep clean' },
  });
  await ui.api(
    'POST',
    '/api/users',
    {
      username: 'uk-lead',
      displayName: 'Ulla Keane',
      role: 'entity_lead',
      entities: ['hik-uk'],
      password: LEAD_PASSWORD,
    },
    201,
  );
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

async function loggedIn(
  username: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await newContext(browser, ui.url);
  const page = await context.newPage();
  const problems = watchErrors(page);
  await logIn(page, username, password);
  return { context, page, problems };
}

/** Waits until sigma has drawn: its WebGL canvases exist inside the map. */
async function mapReady(page: Page): Promise<number> {
  const map = page.getByTestId('estate-map');
  await map.locator('canvas').first().waitFor();
  return Number(await map.getAttribute('data-nodes'));
}

describe('the estate map', () => {
  it('draws the demo estate, finds a host, and shows its details, services and blast radius', async () => {
    const { context, page, problems } = await loggedIn('admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Estate map' }).click();
    const nodes = await mapReady(page);
    expect(nodes).toBeGreaterThan(2000); // 2,000 hosts plus regions, entities, segments, services
    expect(await page.getByTestId('estate-counts').textContent()).toContain('2,000 hosts');
    await page.waitForTimeout(500); // let the first frame settle for the screenshot
    await screenshot(page, '08-estate-map');

    await page.getByLabel('Find on the map').fill('tyo-fs0');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
    await page.getByLabel('Find on the map').press('Enter');
    const panel = page.getByTestId('host-panel');
    await panel.getByRole('heading', { name: 'tyo-fs01' }).waitFor();
    expect(new URL(page.url()).searchParams.get('host')).toBe('tyo-fs01');
    await panel.getByText('file-server').waitFor();
    await panel.getByText('Tokyo HQ data centre (tokyo-hq-server)').waitFor();
    const blast = panel.getByTestId('blast-radius');
    await blast.waitFor();
    const hosts = Number((await blast.locator('dt:text-is("Hosts") + dd').textContent())?.replace(/,/g, ''));
    expect(hosts).toBeGreaterThan(1);
    await page.waitForTimeout(700); // camera animation
    await screenshot(page, '09-estate-host-blast-radius');

    await page.getByLabel('Colour by').selectOption('scope');
    await page.getByLabel('Incident', { exact: true }).selectOption(tokyo);
    await page.getByRole('region', { name: 'Legend' }).getByText('in scope', { exact: true }).waitFor();
    await page.getByLabel('Clear the selection').click();
    await page.getByTestId('estate-counts').waitFor();
    await page.getByRole('button', { name: 'Fit the whole estate' }).click();
    await page.waitForTimeout(700);
    await screenshot(page, '10-estate-scope-colouring');
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await context.close();
  });

  it('links a host in an incident scope to the map', async () => {
    const { context, page } = await loggedIn('admin', ADMIN_PASSWORD);
    await page.goto(`/incidents/${tokyo}`);
    await page.locator('.scope-item[data-ref="tyo-fs01"]').getByRole('link', { name: 'tyo-fs01' }).click();
    await page.getByTestId('host-panel').getByRole('heading', { name: 'tyo-fs01' }).waitFor();
    await context.close();
  });
});

describe('a UK entity lead', () => {
  it('sees UK incidents and UK hosts only, and may act but not command', async () => {
    const { context, page, problems } = await loggedIn('uk-lead', LEAD_PASSWORD);
    expect(await page.getByTestId('user-name').textContent()).toContain('Ulla Keane');
    expect(await page.getByTestId('user-role').textContent()).toBe('entity lead');
    expect(await page.getByTestId('user-entities').textContent()).toBe('hik-uk');

    // Their own incident, and the Tokyo one whose scope names the UK entity (cleared); not the German one.
    await page.locator(`tr[data-incident="${british}"]`).waitFor();
    await page.locator(`tr[data-incident="${tokyo}"]`).waitFor();
    expect(await page.locator('tr[data-incident]').count()).toBe(2);
    const entityOptions = await page.getByLabel('Entity').locator('option').allTextContents();
    expect(entityOptions).toEqual(['All your entities', 'Hikari Graphic Systems UK Ltd (hik-uk)']);
    expect(await page.getByRole('button', { name: '+ New incident' }).isVisible()).toBe(true);
    await screenshot(page, '06-entity-lead-board');

    await page.getByRole('link', { name: 'UK print servers encrypted' }).click();
    await page.getByRole('heading', { name: 'UK print servers encrypted' }).waitFor();
    expect(await page.getByRole('button', { name: 'Move to analyse' }).isDisabled()).toBe(true);
    await page.getByText('Only a commander or admin may change the state').waitFor();
    await page.getByLabel('New note').fill('UK print queue drained; spooler stopped on all print servers');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.notes').getByText('UK print queue drained').waitFor();

    // The server is the judge: a scope change on a Tokyo host is refused, and the page says why.
    await page.getByRole('button', { name: '+ Add to scope' }).click();
    const scope = page.getByRole('form', { name: 'Add to scope' });
    await scope.getByLabel('Host').fill('tyo-fs01');
    await scope.getByLabel('Evidence').fill('seen in UK proxy logs');
    await scope.getByRole('button', { name: 'Add to scope' }).click();
    await scope.getByText(/outside your entities/).waitFor();

    await page.goto(`/incidents/${german}`);
    await page.getByText('Not found, or outside the entities you may see.').waitFor();

    await page.goto('/estate');
    const nodes = await mapReady(page);
    expect(nodes).toBeLessThan(400);
    const counts = await page.getByTestId('estate-counts').textContent();
    expect(counts).toMatch(/^219 hosts · 3 segments · 1 entity · \d+ services? \(your entities only\)/);

    await page.getByLabel('Find on the map').fill('tyo-');
    await page.getByText('Nothing matches “tyo-”.').waitFor();
    await page.getByLabel('Find on the map').fill('bed-fs01');
    await page.getByLabel('Find on the map').press('Enter');
    await page.getByTestId('blast-radius').waitFor();
    await page.waitForTimeout(700);
    await screenshot(page, '07-entity-lead-map');
    expect(problems.filter((p) => !/status of (401|403|404)/.test(p))).toEqual([]);
    await context.close();
  });
});
