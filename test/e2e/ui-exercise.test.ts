/**
 * The first minute, in Debian's Chromium: a fresh server with the demo estate, the admin logs in, the empty board
 * offers the 2021 exercise, the exercise page explains it, and the run unfolds live (scenario clock, timeline,
 * the incident on the board and its containment view) to the summary and the comparison with June 2021.
 * Screenshots go to test-output/ui/exercise-*.png. The run is long on a loaded machine: generous timeouts.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseRunView } from '../../src/contracts/exercises.js';
import { launchBrowser, newContext, screenshot, watchErrors } from './browser.js';
import { ADMIN_PASSWORD, logIn, startUiServer, type UiServer } from './ui-fixture.js';

/** The whole run: people's ten days take ~90 s at the UI's pace, machines (2,000 agents) their real time on top. */
const RUN_MS = 10 * 60_000;

let ui: UiServer;
let browser: Browser;
let admin: BrowserContext;
const problems: string[] = [];

async function page(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  const seen = watchErrors(p);
  p.on('close', () => problems.push(...seen));
  return p;
}

beforeAll(async () => {
  browser = await launchBrowser();
  ui = await startUiServer();
  admin = await newContext(browser, ui.url);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('the first minute: the 2021 exercise from the UI', () => {
  it('offers the exercise on the empty board, shows it unfold live, and ends with the summary and the comparison', async () => {
    const p = await page(admin);
    await logIn(p, 'admin', ADMIN_PASSWORD);
    await p.getByRole('heading', { name: 'See Firebreak handle a ransomware attack, end to end' }).waitFor();
    await screenshot(p, 'exercise-01-board-welcome');

    await p.getByRole('link', { name: 'What happens in it' }).click();
    await p.getByRole('heading', { name: /modelled on June 2021/ }).waitFor();
    await p.getByRole('heading', { name: 'What really happened' }).waitFor();
    await screenshot(p, 'exercise-02-intro', true);

    await p.getByRole('button', { name: 'Run the 2021 exercise' }).click();
    await p.getByLabel('Exercise status').waitFor();
    await p.getByText(/Excel document from a phishing e-mail/).waitFor({ timeout: 120_000 });
    const incident = p.getByRole('link', { name: /^Incident INC-\d+$/ });
    await incident.waitFor({ timeout: 120_000 });
    const id = ((await incident.textContent()) ?? '').replace('Incident ', '');
    await p.getByText(/ approves P-\d+/).first().waitFor({ timeout: RUN_MS });
    await screenshot(p, 'exercise-03-live');

    // Elsewhere at the same time: the board with the banner and the incident, and its containment view.
    const other = await page(admin);
    await other.goto('/');
    await other.getByText('Exercise running').waitFor();
    await other.locator(`tr[data-incident="${id}"]`).waitFor();
    await screenshot(other, 'exercise-04-board-live');
    await other.goto(`/incidents/${id}/containment`);
    await other.locator('#plans-title').waitFor();
    await screenshot(other, 'exercise-05-containment-live');
    await other.close();

    await p.getByTestId('exercise-summary').waitFor({ timeout: RUN_MS });
    await p.getByRole('heading', { name: 'June 2021 against this run' }).waitFor();
    const comparison = p.locator('.ex-compare-table');
    expect(await comparison.textContent()).toContain('EMEA offline although never breached');
    expect(await comparison.textContent()).toContain('Scope confirmed');
    await p.getByRole('heading', { name: 'Regions' }).waitFor();
    await p.getByRole('heading', { name: 'Obligations per entity' }).waitFor();
    await screenshot(p, 'exercise-06-summary');
    await screenshot(p, 'exercise-07-summary-full', true);
    await p.getByRole('button', { name: /Switch to the light theme/ }).click();
    await screenshot(p, 'exercise-08-summary-light');
    await p.getByRole('button', { name: /Switch to the dark theme/ }).click();

    const { run } = await ui.api<{ run: ExerciseRunView }>('GET', '/api/exercises/current');
    expect(run).toMatchObject({ status: 'finished', incidentId: id, scenario: { id: 'fujifilm-2021' } });
    expect(run.summary?.comparison.map((c) => c.label)).toEqual(['EMEA offline although never breached', 'Scope confirmed (one network in Japan)', 'EMEA systems restored']);

    // The incident stays on the board, and the banner leads back to the summary.
    await p.getByRole('link', { name: 'Incidents', exact: true }).click();
    await p.locator(`tr[data-incident="${id}"]`).waitFor();
    await p.getByText('Exercise finished').waitFor();
    await screenshot(p, 'exercise-09-board-after');
    await p.close();
    expect(problems.filter((x) => !/status of 401/.test(x))).toEqual([]);
  }, RUN_MS + 4 * 60_000);

  it('stops a run from the exercise page, and still shows what happened so far', async () => {
    const p = await page(admin);
    await p.goto('/exercise');
    await p.getByRole('button', { name: 'Run another exercise' }).click();
    await p.getByRole('button', { name: 'Run the 2021 exercise' }).click();
    await p.getByRole('button', { name: 'Stop the exercise' }).click();
    await p.getByTestId('exercise-summary').waitFor({ timeout: 120_000 });
    await p.getByText(/stopped by admin/).first().waitFor();
    await p.getByText(/stop requested by .*\(admin\)/).waitFor();
    expect(await p.getByRole('button', { name: 'Stop the exercise' }).count()).toBe(0);
    await p.getByText('This run was stopped before its end').waitFor();
    expect((await p.locator('.ex-verdict').allTextContents()).filter((t) => /shorter|longer/.test(t))).toEqual([]);
    expect(await p.getByLabel('Exercise status').locator('.ex-status').textContent()).toBe('Stopped');
    const { run } = await ui.api<{ run: ExerciseRunView }>('GET', '/api/exercises/current');
    expect(run).toMatchObject({ status: 'finished', summary: { stopped: 'stopped by admin' } });
    await screenshot(p, 'exercise-10-stopped');
    await p.close();
  }, 4 * 60_000);
});
