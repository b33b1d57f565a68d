/**
 * Detection in Debian's Chromium, against a real server with the demo estate and the project's own rules:
 * Sysmon-style events sent to the intake arrive live in the alerts view with their rule's author, the incident
 * they opened shows its detections with the matching event, and a hunt over uploaded files (chosen and
 * dropped, text and gzip) lists its detections, the summary per rule and the skipped lines.
 */
import { gzipSync } from 'node:zlib';
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

async function page(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  const seen = watchErrors(p);
  p.on('close', () => problems.push(...seen));
  return p;
}

/** The Sysmon process-creation events of test/server/intake.test.ts; they fire rules in content/rules. */
const sysmon = (computer: string, image: string, commandLine: string, utc: string) => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  EventID: 1,
  Image: image,
  CommandLine: commandLine,
  Computer: computer,
  UtcTime: utc,
});
const VSS = ['C:\\Windows\\System32\\vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet'] as const;
const REGSVR = [
  'C:\\Windows\\SysWOW64\\regsvr32.exe',
  'regsvr32.exe /s C:\\Users\\kai\\AppData\\Roaming\\Xyz\\lib.dll',
] as const;
const SHADOW_RULE = 'Shadow Copies Deleted With Vssadmin, Wmic or PowerShell';
const REGSVR_RULE = 'Regsvr32 Loads a DLL From a User-Writable Folder';
const AUTHOR = 'Firebreak project';

interface Ingest {
  alerts: number;
  incidents: { id: string; opened: boolean; alerts: number }[];
}

let incidentId: string;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting a server
  ui = await startUiServer();
  admin = await newContext(browser, ui.url);
  const p = await admin.newPage();
  await logIn(p, 'admin', ADMIN_PASSWORD);
  await p.close();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('the alerts view', () => {
  it('shows alerts sent to the intake live, with their rule author and incident, filtered, grouped and opened', async () => {
    const p = await page(admin);
    await p.goto('/');
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await p.getByRole('heading', { name: /^Alerts/ }).waitFor();
    await p.getByText(/^No alerts yet/).waitFor();
    await p.getByText('Live', { exact: true }).waitFor();
    expect(await p.title()).toBe('Alerts · Firebreak');

    const result = await ui.api<Ingest>('POST', '/api/intake/events', {
      events: [
        sysmon('TYO-FS01.hikari.local', ...VSS, '2021-06-01 22:55:00.000'),
        sysmon('tyo-fs01', ...REGSVR, '2021-06-01 22:40:00.000'),
        sysmon('tyo-fs01', 'C:\\Windows\\notepad.exe', 'notepad.exe', '2021-06-01 22:41:00.000'),
      ],
    });
    expect(result.alerts).toBe(2);
    incidentId = result.incidents[0]?.id ?? '';
    expect(incidentId).toMatch(/^INC-\d+$/);

    // The board stream reports the new incident; the view refetches without a reload.
    const rows = p.locator('.alert-table tr[data-alert]');
    await expect.poll(() => rows.count()).toBe(2);
    const first = rows.first(); // newest first: the shadow copy deletion at 22:55
    expect(await first.textContent()).toContain(SHADOW_RULE);
    for (const row of await rows.all()) {
      const text = await row.textContent();
      expect(text).toContain(AUTHOR); // the Detection Rule License: the author goes with the alert
      expect(text).toContain('tyo-fs01');
      expect(text).toContain(incidentId);
    }
    expect(await first.getAttribute('data-level')).toBe('critical');
    expect(await first.locator('.chip', { hasText: /^T1490$/ }).count()).toBe(1);
    await screenshot(p, '21-alerts');

    await first.getByRole('button', { name: SHADOW_RULE }).click();
    const detail = p.locator('.detail-row').first();
    expect(await detail.locator('pre.json').textContent()).toContain('vssadmin.exe delete shadows /all /quiet');
    expect(await detail.getByTestId('rule-author').textContent()).toBe(AUTHOR);
    expect(await detail.locator('.references a').count()).toBeGreaterThan(0);
    await screenshot(p, '22-alerts-open');

    await p.getByLabel('Level').selectOption('high');
    await expect.poll(() => new URL(p.url()).searchParams.get('level')).toBe('high');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(REGSVR_RULE);
    await p.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(2);

    await p.getByLabel('Incident', { exact: true }).selectOption(incidentId);
    await expect.poll(() => new URL(p.url()).searchParams.get('incident')).toBe(incidentId);
    await expect.poll(() => rows.count()).toBe(2);

    await p.getByLabel('Group by rule').check();
    const groups = p.locator('.rule-groups tr[data-rule]');
    await expect.poll(() => groups.count()).toBe(2);
    expect(await groups.first().textContent()).toContain(SHADOW_RULE);
    expect(await groups.first().textContent()).toContain(AUTHOR);
    expect(await groups.first().locator('td.num').textContent()).toBe('1');
    await screenshot(p, '23-alerts-by-rule');

    await p.getByLabel('Group by rule').uncheck();
    await rows.first().getByRole('link', { name: incidentId }).click();
    await p.getByRole('heading', { name: /^Detections/ }).waitFor();
    await p.close();
  });
});

describe('the incident that detection opened', () => {
  it('shows its detections, each opening to the matching event and the rule', async () => {
    const p = await page(admin);
    await p.goto(`/incidents/${incidentId}`);
    const panel = p.locator('.detections-panel');
    const rows = panel.locator('tr[data-alert]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await panel.getByRole('heading').textContent()).toBe('Detections2');
    await p.locator('.timeline-entry[data-type="alert.raised"]').first().waitFor();

    await panel.getByRole('button', { name: REGSVR_RULE }).click();
    const detail = panel.locator('.detail-row');
    expect(await detail.locator('pre.json').textContent()).toContain('AppData\\\\Roaming');
    const facts = await detail.locator('.rule-facts').textContent();
    expect(facts).toContain(REGSVR_RULE);
    expect(facts).toContain(AUTHOR);
    expect(facts).toContain('attack.t1218.010');
    expect(await detail.locator('.rule-facts [data-value="high"]').count()).toBe(1);
    await screenshot(p, '24-incident-detections', true);

    // A later alert on the same host joins the incident and shows up live.
    await ui.api('POST', '/api/intake/events', {
      events: [sysmon('tyo-fs01', ...VSS, '2021-06-01 23:05:00.000')],
    });
    await expect.poll(() => rows.count()).toBe(3);
    await p.close();
  });
});

describe('the hunt page', () => {
  it('runs the rules over chosen and dropped files, with detections, the summary per rule and skipped lines', async () => {
    const p = await page(admin);
    await p.goto('/hunt');
    await p.getByRole('heading', { name: 'Hunt' }).waitFor();
    const ruleCount = p.getByTestId('rule-count');
    await p.getByTestId('problem-count').waitFor();

    const lines = [
      JSON.stringify(sysmon('ws-lab-1', ...VSS, '2021-06-02 09:00:00.000')),
      '{"EventID": 1, "Image":',
      JSON.stringify(sysmon('ws-lab-1', 'C:\\Windows\\notepad.exe', 'notepad.exe', '2021-06-02 09:01:00.000')),
    ].join('\n');
    await p.getByLabel('Choose event files').setInputFiles({
      name: 'sysmon.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(lines),
    });
    // A gzip file dropped on the zone: read as base64 in the browser, gunzipped by the server.
    const gz = gzipSync(JSON.stringify([sysmon('ws-lab-2', ...REGSVR, '2021-06-02 09:05:00.000')])).toString('base64');
    // Built in the page (the test's own types have no DOM): a DataTransfer holding the gzip file.
    const transfer = await p.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob('${gz}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'collected.json.gz', { type: 'application/gzip' }));
      return data;
    })()`);
    await p.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    const chosen = p.getByRole('list', { name: 'Chosen files' });
    await chosen.getByText('collected.json.gz').waitFor();
    expect(await chosen.locator('li').count()).toBe(2);

    await p.getByRole('button', { name: 'Run hunt' }).click();
    const results = p.getByTestId('hunt-results');
    await results.waitFor();
    const summary = await results.locator('.hunt-summary').textContent();
    expect(summary).toContain('2 detections in 3 events from 2 files, 1 line skipped');
    expect(await results.getByRole('list', { name: 'Skipped lines' }).textContent()).toContain('sysmon.jsonl:2');

    const byRule = results.locator('.rule-groups tr[data-rule]');
    expect(await byRule.count()).toBe(2);
    expect(await byRule.first().textContent()).toContain(SHADOW_RULE);
    expect(await byRule.first().textContent()).toContain(AUTHOR);

    const detections = results.locator('.alert-table tr[data-alert]');
    expect(await detections.count()).toBe(2);
    for (const row of await detections.all()) expect(await row.textContent()).toContain(AUTHOR);
    await detections.filter({ hasText: REGSVR_RULE }).getByRole('button', { name: REGSVR_RULE }).click();
    expect(await results.locator('.detail-row pre.json').textContent()).toContain('ws-lab-2');

    // The rules compile on first use, so the count is known at the latest after the first hunt.
    await expect.poll(async () => Number((await ruleCount.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(14);
    await screenshot(p, '25-hunt', true);

    // The hunt recorded nothing: still three alerts.
    const alerts = await ui.api<{ total: number }>('GET', '/api/alerts');
    expect(alerts.total).toBe(3);
    await p.close();
    expect(unexpected()).toEqual([]);
  });
});

describe('indicators', () => {
  const C2 = '203.0.113.45';
  const connection = (computer: string, ip: string, utc: string) => ({
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    EventID: 3,
    Image: 'C:\\Windows\\SysWOW64\\rundll32.exe',
    DestinationIp: ip,
    DestinationPort: 443,
    Computer: computer,
    UtcTime: utc,
  });

  it('shows an indicator hit at intake as an alert with the indicator, the field it matched and its source', async () => {
    await ui.api('POST', '/api/indicators', {
      name: 'qbot-c2',
      filename: 'qbot-c2.csv',
      content: `type,value,name,source\nipv4,${C2},Qbot C2 server,Example CERT\n`,
    });
    const result = await ui.api<Ingest>('POST', '/api/intake/events', {
      events: [connection('tyo-fs01', C2, '2021-06-01 23:20:00.000')],
    });
    expect(result.alerts).toBe(1);

    const p = await page(admin);
    await p.goto('/alerts');
    const row = p.locator('.alert-table tr[data-alert]', { hasText: 'Qbot C2 server' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Example CERT');
    expect(await row.getAttribute('data-level')).toBe('high');
    await row.getByRole('button', { name: /IOC ipv4/ }).click();
    const detail = p.locator('.detail-row');
    expect(await detail.getByTestId('indicator-match').textContent()).toBe(`DestinationIp = ${C2}`);
    expect(await detail.getByTestId('rule-author').textContent()).toBe('Example CERT');
    expect(await detail.locator('.rule-facts').textContent()).toContain('qbot-c2');
    await screenshot(p, '26-alerts-indicator');
    await p.close();
  });

  it('hunts with an uploaded indicator file besides the loaded sets', async () => {
    const p = await page(admin);
    await p.goto('/hunt');
    await p.getByTestId('indicator-count').waitFor();
    const events = [
      connection('ws-lab-3', C2, '2021-06-02 10:00:00.000'),
      connection('ws-lab-3', '192.0.2.77', '2021-06-02 10:01:00.000'),
    ];
    await p.getByLabel('Choose event files').setInputFiles({
      name: 'net.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(events.map((e) => JSON.stringify(e)).join('\n')),
    });
    await p.getByLabel('Choose indicator files').setInputFiles({
      name: 'lab.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'type,value,name,source\nipv4,192.0.2.77,Lab sinkhole,Lab team\nsha256,not-a-hash,,Lab team\n',
      ),
    });
    await p.getByRole('list', { name: 'Chosen indicator files' }).getByText('lab.csv').waitFor();
    await p.getByRole('button', { name: 'Run hunt' }).click();
    const results = p.getByTestId('hunt-results');
    await results.waitFor();
    const summary = await results.locator('.hunt-summary').textContent();
    expect(summary).toContain(
      '2 detections in 2 events from 1 file, checked against 2 indicators, 1 indicator entry skipped',
    );
    expect(await results.getByRole('list', { name: 'Skipped lines' }).textContent()).toContain('lab.csv:3');
    const detections = results.locator('.alert-table tr[data-alert]');
    expect(await detections.count()).toBe(2);
    expect(await detections.filter({ hasText: 'Lab sinkhole' }).textContent()).toContain('Lab team');
    await screenshot(p, '27-hunt-indicators', true);
    await p.close();
    expect(unexpected()).toEqual([]);
  });
});
