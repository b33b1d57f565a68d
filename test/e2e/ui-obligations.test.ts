/**
 * Obligations and notices in Debian's Chromium, against a real server with the demo estate: an incident at the
 * Japanese parent whose APPI preliminary report is due in half an hour; its clock counts down live, the breach
 * assessment is confirmed by a named person, a notice is drafted from the template, its blanks completed, approved
 * by a second user (the drafter may not: four eyes), recorded as sent (the clock shows it filed), and the PDF
 * report is downloaded and read. Screenshots go to test-output/ui/.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, watchErrors } from './browser.js';
import { ADMIN_PASSWORD, logIn, startUiServer, type UiServer } from './ui-fixture.js';

let ui: UiServer;
let browser: Browser;
let id: string;
const LEGAL_PASSWORD = 'legal-lead-long-password';
const problems: string[] = [];

async function loggedIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, ui.url);
  const page = await context.newPage();
  const seen = watchErrors(page);
  page.on('close', () => problems.push(...seen));
  await logIn(page, username, password);
  return { context, page };
}

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting a server
  ui = await startUiServer();
  const estate = await ui.api<{ dataStores: { id: string; host: string }[] }>('GET', '/api/estate/document');
  const crm = estate.dataStores.find((s) => s.id === 'crm-jp');
  if (!crm) throw new Error('the demo estate has no crm-jp data store');
  // Aware 71.5 hours ago: the APPI preliminary report (3 days, guidance) is due in 30 minutes.
  const awarenessAt = new Date(Date.now() - 71.5 * 3600_000).toISOString();
  id = (
    await ui.api<{ id: string }>('POST', '/api/incidents', {
      title: 'Ransomware on the Tokyo customer database',
      severity: 'critical',
      entities: ['hik-hd'],
      summary: 'The customer database server was encrypted; a ransom note names a Qbot-delivered ransomware.',
      awarenessAt,
    })
  ).id;
  await ui.api('POST', `/api/incidents/${id}/events`, {
    type: 'scope.changed',
    payload: { kind: 'host', ref: crm.host, state: 'in_scope', evidence: 'ransom note and encrypted database files' },
  });
  await ui.api(
    'POST',
    '/api/users',
    {
      username: 'legal',
      displayName: 'Lena Gray (Legal)',
      role: 'entity_lead',
      entities: ['hik-hd'],
      password: LEGAL_PASSWORD,
    },
    201,
  );
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('obligations and notices', () => {
  it('counts down, confirms the assessment, drafts, approves (second user), sends, and downloads the report', async () => {
    const { context, page } = await loggedIn('admin', ADMIN_PASSWORD);
    await page.goto(`/incidents/${id}`);
    await page.getByRole('link', { name: 'Obligations and notices' }).click();
    await page.getByRole('heading', { name: /^Notification clocks/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/incidents/${id}/obligations`);

    // The clock counts down, live.
    const row = page.locator('.ob-row[data-entity="hik-hd"][data-rule="jp-appi-preliminary"]');
    const countdown = row.locator('.countdown');
    await countdown.waitFor();
    expect(await row.getAttribute('data-status')).toBe('due_soon');
    const first = await countdown.textContent();
    expect(first).toMatch(/^(29|30) min \d\d s left$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);
    await page
      .getByRole('list', { name: 'Obligation alerts' })
      .getByText(/jp-appi-preliminary due in \d+ min/)
      .waitFor();

    // A named person confirms the proposed determination; it is recorded as an event.
    const appi = page.locator('.ob-assessment-item[data-entity="hik-hd"][data-regime="appi"]');
    await appi.getByRole('button', { name: 'Confirm or override' }).click();
    const dialog = page.getByRole('dialog', { name: /Determination: hik-hd/ });
    await dialog.getByLabel('Decided by (name and role)').fill('Dana Ito (DPO)');
    await dialog.getByRole('button', { name: 'Confirm the proposal' }).click();
    await appi
      .locator('.ob-recorded')
      .getByText(/Confirmed: .* by Dana Ito \(DPO\)/)
      .waitFor();
    await screenshot(page, '21-obligations', true);

    // Draft the preliminary report from the clock's row; complete the blanks; the drafter may not approve it.
    await row.getByRole('button', { name: 'Draft notice' }).click();
    const form = page.getByRole('form', { name: 'Draft a notice' });
    // The row's request fills the form on the next render: wait for it rather than read the first frame.
    await expect.poll(() => form.getByLabel('Template').inputValue(), { timeout: 5000 }).toBe('jp-appi-preliminary');
    await form.getByLabel('Contact point').fill('Dana Ito, DPO, dpo@hikari.example, +81 3 0000 0000');
    await form.getByRole('button', { name: 'Draft notice' }).click();
    const notice = page.locator('.ob-notice[data-notice="N-001"]');
    await notice.getByRole('note', { name: 'Blanks to complete' }).waitFor();
    const text = notice.getByLabel('Notice text (Markdown)');
    expect(await text.inputValue()).toContain('**Contact:** Dana Ito, DPO');
    expect(await text.inputValue()).toMatch(/under appi, determined by Dana Ito \(DPO\)/);
    await screenshot(page, '22-notice-draft');
    await text.fill(
      (await text.inputValue()).replace(
        /\[\[TO COMPLETE: [^\]]*\]\]/g,
        'Not known yet; to be given in the final report.',
      ),
    );
    await notice.getByRole('button', { name: 'Save text' }).click();
    await notice.getByRole('note', { name: 'Blanks to complete' }).waitFor({ state: 'detached' });
    await notice.getByText(/Four-eyes rule: you wrote this regulator notice/).waitFor();
    expect(await notice.getByRole('button', { name: 'Approve this text' }).isDisabled()).toBe(true);

    // A second person approves it.
    const legal = await loggedIn('legal', LEGAL_PASSWORD);
    await legal.page.goto(`/incidents/${id}/obligations`);
    await legal.page.locator('tr[data-notice="N-001"]').getByRole('button').click();
    const theirs = legal.page.locator('.ob-notice[data-notice="N-001"]');
    await theirs.getByRole('button', { name: 'Approve this text' }).click();
    await legal.page.locator('.ob-notice[data-notice="N-001"][data-status="approved"]').waitFor();
    await screenshot(legal.page, '23-notice-approved-by-second-user');
    await legal.context.close();

    // The drafter's page learns of the approval live, and records the sending.
    const send = page.getByRole('form', { name: 'Record as sent' });
    await send.waitFor();
    await send.getByLabel('Channel').fill('PPC web form');
    await send.getByLabel('Reference').fill('PPC-2026-0001');
    await send.getByRole('button', { name: 'Record as sent' }).click();
    await page
      .locator('.ob-notice[data-notice="N-001"] .ob-sent')
      .getByText(/PPC web form \(reference PPC-2026-0001\)/)
      .waitFor();
    await page.locator('.ob-row[data-entity="hik-hd"][data-rule="jp-appi-preliminary"][data-status="filed"]').waitFor();
    await screenshot(page, '24-notice-sent', true);

    // The PDF report, as downloaded, lists the notice sent.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${id}-report.pdf`);
    const file = await download.path();
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
    expect(stdout).toContain(`${id}: Ransomware on the Tokyo customer database`);
    expect(stdout).toContain('Notices');
    expect(stdout).toMatch(/ref PPC-2026-0001/);
    expect(stdout).toMatch(/jp-appi-preliminary|APPI preliminary report/);
    await context.close();
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
