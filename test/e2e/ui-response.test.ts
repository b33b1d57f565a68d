/**
 * Containment and recovery in Debian's Chromium, against a real server with a small two-region estate and a fleet
 * of simulated agents (the real protocol, signed commands): a responder proposes a precautionary shutdown of
 * EMEA from the planner's suggestions, cannot approve it himself, the commander's approval alone is not enough,
 * the region's lead completes it, and the actions move to verified on the responder's page without a reload.
 * Then the recovery view: sweeping the region, a recovery plan whose step runs once its gates pass, and the
 * backlog. Screenshots of each view go to test-output/ui/response-*.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { webUi } from '../../src/server/web.js';
import { launchBrowser, newContext, screenshot, SCREENSHOTS, watchErrors } from './browser.js';
import { buildWeb, logIn } from './ui-fixture.js';

const ADMIN_PASSWORD = 'ui-response-admin-password';
const PASSWORD = 'ui-response-user-password';
const UK_OFFICE = ['uk-ws01', 'uk-ws02', 'uk-ws03', 'uk-ws04', 'uk-ws05', 'uk-ws06'];

/** APAC (where the attack is) and EMEA (reachable over the WAN, nothing in scope yet). */
const ESTATE = `
version: 1
regions:
  - { id: apac, name: Asia-Pacific }
  - { id: emea, name: "Europe, Middle East and Africa" }
entities:
  - { id: jp-hq, name: Example Holdings KK, country: JP, region: apac }
  - { id: uk-ltd, name: Example UK Ltd, country: GB, region: emea }
segments:
  - { id: jp-office, name: Tokyo office, entity: jp-hq, cidrs: [10.1.0.0/16] }
  - { id: jp-dc, name: Tokyo data centre, entity: jp-hq, cidrs: [10.2.0.0/16] }
  - { id: uk-office, name: London office, entity: uk-ltd, cidrs: [10.40.0.0/16], external: [{ kind: internet, name: London breakout }] }
  - { id: uk-dc, name: London data centre, entity: uk-ltd, cidrs: [10.41.0.0/16] }
links:
  - { from: jp-office, to: jp-dc, ports: any }
  - { from: uk-office, to: jp-dc, ports: [445, 'tcp/443'] }
  - { from: uk-office, to: uk-dc, ports: any }
hosts:
  - { hostname: jp-ws01, ips: [10.1.0.11], os: windows-11, role: workstation, criticality: low, entity: jp-hq, segment: jp-office }
  - { hostname: jp-fs01, ips: [10.2.0.10], os: windows-server-2019, role: file-server, criticality: high, entity: jp-hq, segment: jp-dc }
  - { hostname: jp-dc01, ips: [10.2.0.5], os: windows-server-2022, role: domain-controller, criticality: critical, entity: jp-hq, segment: jp-dc }
${UK_OFFICE.map((h, i) => `  - { hostname: ${h}, ips: [10.40.0.${21 + i}], os: windows-11, role: workstation, criticality: low, entity: uk-ltd, segment: uk-office }`).join('\n')}
  - { hostname: uk-gw01, ips: [10.40.0.1], os: debian-12, role: router, criticality: high, entity: uk-ltd, segment: uk-office, tags: [gateway-for:uk-office] }
  - { hostname: uk-dc01, ips: [10.41.0.5], os: windows-server-2022, role: domain-controller, criticality: critical, entity: uk-ltd, segment: uk-dc }
  - { hostname: uk-app01, ips: [10.41.1.5], os: rhel-9, role: app-server, criticality: high, entity: uk-ltd, segment: uk-dc }
  - { hostname: uk-app02, ips: [10.41.1.6], os: rhel-9, role: app-server, criticality: high, entity: uk-ltd, segment: uk-dc }
  - { hostname: uk-db01, ips: [10.41.2.5], os: rhel-9, role: database, criticality: high, entity: uk-ltd, segment: uk-dc }
services:
  - { id: identity, name: Identity, entity: jp-hq, hosts: [jp-dc01], criticality: critical }
  - { id: uk-identity, name: UK identity, entity: uk-ltd, hosts: [uk-dc01], criticality: critical }
  - { id: uk-orders, name: UK order intake, entity: uk-ltd, hosts: [uk-app01, uk-app02], dependsOn: [uk-identity], criticality: high, throughput: { perHour: 1200, unit: orders } }
  - { id: uk-invoicing, name: UK invoicing, entity: uk-ltd, hosts: [uk-db01], dependsOn: [uk-identity], throughput: { perHour: 400, unit: invoices } }
`;
const HOSTS = [...ESTATE.matchAll(/hostname: ([a-z0-9-]+)/g)].map((m) => m[1]!);

let dir: string;
let server: RunningServer;
let fleet: SimulatedFleet;
let browser: Browser;
let incident: string;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
const tokens: Record<string, string> = {};

async function call<T>(user: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${tokens[user] ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${user} ${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function token(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await res.json()) as { token: string }).token;
}

/** A logged-in window of its own (a background tab would be throttled), on the incident's containment view. */
async function windowFor(username: string, view: 'containment' | 'recovery' = 'containment'): Promise<Page> {
  const context = await newContext(browser, server.url, { width: 1440, height: 1000 });
  contexts.push(context);
  const page = await context.newPage();
  const seen = watchErrors(page);
  page.on('close', () => problems.push(...seen));
  await logIn(page, username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  await page.goto(`/incidents/${incident}/${view}`);
  await page.getByText('Live', { exact: true }).first().waitFor();
  return page;
}

const planCard = (page: Page, planId: string): Locator => page.locator(`[data-plan="${planId}"]`);

/** An incident stream read in the background as a user (`text()`: everything received so far). */
function listen(user: string, route: string): { text: () => string; close: () => void } {
  const controller = new AbortController();
  let received = '';
  void fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${tokens[user] ?? ''}` }, signal: controller.signal })
    .then(async (res) => {
      const decoder = new TextDecoder();
      for await (const chunk of res.body ?? []) received += decoder.decode(chunk as Uint8Array, { stream: true });
    })
    .catch(() => undefined);
  return { text: () => received, close: () => controller.abort() };
}

/** A screenshot of one part of the page (test-output/ui/<name>.png). */
async function shotOf(part: Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await part.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function decide(page: Page, planId: string, button: string, confirm: string, text?: string): Promise<void> {
  const card = planCard(page, planId);
  await card.getByRole('button', { name: button, exact: true }).click();
  if (text !== undefined) await card.getByLabel(/Comment|Reason/).fill(text);
  await card.getByRole('button', { name: confirm }).click();
}

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting anything
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-ui-response-'));
  await buildWeb(path.join(dir, 'web-dist'));
  const config = loadConfig({ FIREBREAK_DATA: path.join(dir, 'data'), FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD, FIREBREAK_LOG_LEVEL: 'silent' });
  server = await startServer(config, { extend: webUi({ root: path.join(dir, 'web-dist') }) });
  await server.ctx.estate.importText(ESTATE, 'response-estate.yaml', 'yaml', false);
  tokens['admin'] = await token('admin', ADMIN_PASSWORD);
  for (const [username, role, entities] of [['rob', 'responder', ['*']], ['cora', 'commander', ['*']], ['uk-lead', 'entity_lead', ['uk-ltd']]] as const) {
    await call('admin', 'POST', '/api/users', { username, role, entities, password: PASSWORD });
    tokens[username] = await token(username, PASSWORD);
  }
  // Latency so that the states can be seen moving; the gateway cuts the London office's breakout.
  fleet = await startSimulatedFleet({
    server: server.url,
    adminToken: tokens['admin'],
    hosts: HOSTS.map((hostname) => (hostname === 'uk-gw01' ? { hostname, role: 'gateway' } : hostname)),
    behaviour: { latencyMs: [600, 1800], verifyMs: [200, 600] },
  });
  incident = (await call<{ id: string }>('cora', 'POST', '/api/incidents', { title: 'Ransomware in Tokyo', severity: 'critical', entities: ['jp-hq', 'uk-ltd'], commander: 'cora' })).id;
  await call('cora', 'POST', `/api/incidents/${incident}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-fs01', state: 'in_scope', evidence: 'ransom note on the D: share' } });
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await fleet?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a precautionary region shutdown in the containment view', () => {
  let rob: Page;

  it('shows the planner’s suggestions with their impact, and proposes the EMEA shutdown', async () => {
    rob = await windowFor('rob');
    const suggestion = rob.locator('[data-suggestion="shutdown_region:emea"]');
    await suggestion.waitFor();
    const stats = await suggestion.locator('.impact-stats').textContent();
    expect(stats).toContain(`${HOSTS.filter((h) => h.startsWith('uk-')).length}hosts affected`);
    expect(stats).toContain('1,200 orders/h');
    expect(await suggestion.textContent()).toContain('needs incident-commander');
    await suggestion.getByText('Impact details').click();
    await suggestion.locator('caption', { hasText: 'By region' }).waitFor();
    await screenshot(rob, 'response-01-suggestions', true);

    await suggestion.getByRole('button', { name: /^Propose/ }).click();
    const card = planCard(rob, 'P-0001');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('awaiting_approval');
    expect(await card.locator('tr[data-requirement="incident-commander"]').getAttribute('data-state')).toBe('missing');
    expect(await card.locator('tr[data-requirement="region-lead"]').getAttribute('data-state')).toBe('missing');
  });

  it('refuses the requester’s own approval and shows the server’s reason', async () => {
    await decide(rob, 'P-0001', 'Approve', 'Approve P-0001');
    const refusal = planCard(rob, 'P-0001').getByRole('alert').filter({ hasText: 'rob cannot approve P-0001' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('needs commander or the incident commander');
    await shotOf(planCard(rob, 'P-0001'), 'response-02-requester-refused');
  });

  it('needs more than the commander’s approval, and the same person cannot fill both requirements', async () => {
    const cora = await windowFor('cora');
    await decide(cora, 'P-0001', 'Approve', 'Approve P-0001', 'EMEA must not be next');
    const commander = planCard(cora, 'P-0001').locator('tr[data-requirement="incident-commander"][data-state="ok"]');
    await commander.waitFor();
    expect(await planCard(cora, 'P-0001').getAttribute('data-status')).toBe('awaiting_approval');
    expect(await planCard(cora, 'P-0001').locator('tr[data-requirement="region-lead"]').getAttribute('data-state')).toBe('missing');
    await decide(cora, 'P-0001', 'Approve', 'Approve P-0001');
    await planCard(cora, 'P-0001').getByRole('alert').filter({ hasText: 'cora has already approved this plan' }).waitFor();
    // The requester's page follows live.
    await planCard(rob, 'P-0001').locator('tr[data-requirement="incident-commander"][data-state="ok"]').waitFor();
    expect(await planCard(rob, 'P-0001').locator('.approval-summary').textContent()).toBe('needs region-lead (entity_lead covering all of emea)');
    await shotOf(planCard(rob, 'P-0001').locator('.approvals'), 'response-03-one-approval-not-enough');
  });

  it('starts with the region lead’s approval, and the actions move to verified on the page without a reload', async () => {
    // Every state the requester's page shows, from now on; a reload would lose the marker.
    await rob.evaluate(`(() => {
      window.marker = 'same page';
      window.seen = [];
      const note = () => document.querySelectorAll('[data-plan="P-0001"] tr[data-action]').forEach((row) => window.seen.push(row.getAttribute('data-state')));
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    })()`);
    const lead = await windowFor('uk-lead');
    await decide(lead, 'P-0001', 'Approve', 'Approve P-0001');
    await planCard(lead, 'P-0001').locator('.approval-summary', { hasText: 'approved' }).waitFor();

    const card = planCard(rob, 'P-0001');
    const actions = await call<{ actionCount: number }>('rob', 'GET', `/api/incidents/${incident}/plans/P-0001?records=none`);
    await card.locator('tr[data-action]').first().waitFor();
    await screenshot(rob, 'response-04-running', true);
    await expect.poll(() => card.locator('tr[data-action][data-state="verified"]').count(), { timeout: 60_000, interval: 250 }).toBe(actions.actionCount);
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');
    const { marker, seen } = await rob.evaluate<{ seen: string[]; marker: string }>('({ marker: window.marker, seen: window.seen })');
    expect(marker).toBe('same page');
    expect(new Set(seen)).toContain('verified');
    expect(seen.some((s) => s === 'requested' || s === 'sent' || s === 'applied')).toBe(true);
    expect(await card.getByTestId('progress-P-0001').textContent()).toContain(`${actions.actionCount} verified`);

    const row = card.locator('tr[data-target="uk-app01"]');
    expect(await row.textContent()).toContain('3/3 probes passed');
    await row.getByRole('button', { name: /Details of/ }).click();
    await card.locator('.evidence-json').first().waitFor();
    expect(fleet.stats().isolated).toBe(HOSTS.filter((h) => h.startsWith('uk-')).length);
    await screenshot(rob, 'response-05-verified', true);
  });

  it('asks for a specific plan, and a failed action stands out with its reason', async () => {
    fleet.setBehaviour({ faults: [{ effect: 'fail', hosts: ['jp-ws01'], types: ['isolate'] }] });
    const cora = await windowFor('cora');
    await cora.getByRole('button', { name: 'Ask for a specific plan' }).click();
    const form = cora.getByRole('form', { name: 'Ask for a plan' });
    await form.getByLabel('Hosts').fill('jp-ws01, uk-ws01');
    await form.getByRole('button', { name: 'Propose plan' }).click();
    await form.getByText('one isolate_hosts plan per entity', { exact: false }).waitFor();
    await form.getByLabel('Hosts').fill('jp-ws01 jp-fs01');
    await form.getByRole('button', { name: 'Propose plan' }).click();
    const card = planCard(cora, 'P-0002');
    await card.waitFor();
    // The stream with ?actions=1 carries the executor's records with evidence, trimmed to the caller's entities.
    const robStream = listen('rob', `/api/incidents/${incident}/stream?actions=1`);
    const leadStream = listen('uk-lead', `/api/incidents/${incident}/stream?actions=1`);
    await expect.poll(() => robStream.text().includes(': connected') && leadStream.text().includes(': connected'), { timeout: 10_000 }).toBe(true);
    await call('rob', 'POST', `/api/incidents/${incident}/plans/P-0002/approve`, {});
    const failed = card.locator('tr[data-target="jp-ws01"][data-state="failed"]');
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.getAttribute('class')).toContain('row-failed');
    expect(await failed.textContent()).toContain('isolation_not_effective');
    await card.locator('tr[data-target="jp-fs01"][data-state="verified"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => /event: actions\ndata: .*"ref":"jp-fs01".*"state":"verified".*"rulesetHash"/.test(robStream.text()), { timeout: 15_000 }).toBe(true);
    expect(robStream.text()).not.toContain('"args"');
    expect(leadStream.text()).not.toMatch(/event: actions\ndata: .*jp-fs01/);
    robStream.close();
    leadStream.close();
    fleet.setBehaviour({ faults: [] });
    await shotOf(card, 'response-05b-failure');
    await cora.getByRole('button', { name: 'Switch to the light theme' }).click();
    await shotOf(card, 'response-05c-failure-light');
  });
});

describe('the recovery view', () => {
  let cora: Page;

  it('shows EMEA not yet swept, plans its recovery with gated steps, and sweeps the region', async () => {
    cora = await windowFor('cora', 'recovery');
    const emea = cora.locator('[data-region="emea"]');
    await emea.waitFor();
    expect(await emea.getByRole('button', { name: 'Declare out of scope' }).isDisabled()).toBe(true);
    expect(await emea.locator('.blockers').textContent()).toContain('not swept clean');

    await cora.getByLabel('Restore').selectOption('region:emea');
    await cora.getByRole('button', { name: 'Plan recovery' }).click();
    const plan = cora.locator('[data-recovery="R-0001"]');
    await plan.waitFor();
    const first = plan.locator('li[data-step]').first();
    expect(await first.getByRole('button', { name: /^Run step/ }).isDisabled()).toBe(true);
    expect(await first.textContent()).toContain('Cannot run: gates not passed');
    await screenshot(cora, 'response-06-recovery-gates', true);

    await emea.getByRole('button', { name: 'Sweep region' }).click();
    await emea.getByLabel('Indicators to look for').fill('qbot.exe\n203.0.113.7');
    await emea.getByRole('button', { name: 'Propose sweep of emea' }).click();
    await emea.locator('[data-sweep="P-0003"]', { hasText: 'awaiting approval' }).waitFor();
    await call('rob', 'POST', `/api/incidents/${incident}/plans/P-0003/approve`, {});
    await expect.poll(async () => emea.locator('[data-part="sweptClean"] strong').textContent(), { timeout: 60_000, interval: 500 }).toBe(String(HOSTS.filter((h) => h.startsWith('uk-')).length));
    expect(await emea.getByRole('button', { name: 'Declare out of scope' }).isDisabled()).toBe(false);
  });

  it('runs steps once their clean sweep and attested gates pass, and shows the backlog worked off', async () => {
    const plan = cora.locator('[data-recovery="R-0001"]');
    for (const n of [1, 2, 3, 4]) {
      const step = plan.locator(`li[data-step="${n}"]`);
      await expect.poll(() => step.locator('li[data-gate="clean_sweep"][data-passed="false"]').count(), { timeout: 30_000, interval: 500 }).toBe(0);
      // The gates people attest (credentials reset, backup verified, sign-off), each with its evidence.
      for (let open = await step.locator('li[data-gate][data-passed="false"]').count(); open > 0; open -= 1) {
        const gate = step.locator('li[data-gate][data-passed="false"]').first();
        await gate.getByRole('button', { name: /^Record / }).click();
        await gate.getByLabel('Evidence').fill('Sweep P-0003 clean on every EMEA host; restore order reviewed with the region lead.');
        await gate.locator('form').getByRole('button', { name: /^Record / }).click();
        await expect.poll(() => step.locator('li[data-gate][data-passed="false"]').count(), { timeout: 15_000 }).toBe(open - 1);
      }
      const run = step.getByRole('button', { name: /^Run step/ });
      await expect.poll(() => run.isDisabled(), { timeout: 15_000 }).toBe(false);
      await run.click();
      await expect.poll(() => step.getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('completed');
    }
    expect(await plan.locator('li[data-step="5"]').getAttribute('data-status')).toBe('waiting_gates');
    await screenshot(cora, 'response-07-recovery', true);

    const backlog = cora.locator('.backlog');
    await backlog.locator('svg.backlog-chart').waitFor();
    await expect.poll(() => backlog.locator('tr[data-service="uk-orders"]').textContent(), { timeout: 15_000 }).toContain('restored');
    await backlog.scrollIntoViewIfNeeded();
    await shotOf(cora.locator('section', { has: cora.getByRole('heading', { name: 'Business backlog' }) }), 'response-08-backlog');
  });

  it('had no unexpected errors in the pages', async () => {
    for (const context of contexts) for (const page of context.pages()) await page.close();
    expect(problems.filter((p) => !/status of (401|403|409|422)/.test(p))).toEqual([]);
  });
});
