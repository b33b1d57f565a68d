/**
 * Notices through the API: a draft filled from the incident with its blanks listed, the rules of the lifecycle
 * (no sending without an approval of the current text, an edit voids an approval, four eyes for regulator
 * notices, entity scope), the filing recorded when a notice that fulfils an obligation is sent, the report
 * listing the notices sent, and bad input refused with the field and a hint.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeViewAnswer } from '../../src/contracts/notices.js';
import type { Role } from '../../src/store/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let id: string;

interface ErrorAnswer {
  error: { code: string; message: string; issues: { field?: string; line?: number; message: string; hint?: string }[]; details: { hint?: string } };
}

const notices = () => `/api/incidents/${id}/notices`;
async function call<T>(role: Role, method: string, url: string, body: unknown, status: number): Promise<T> {
  const res = await h.as(role, method, url, body);
  expect(res.statusCode, `${method} ${url} as ${role}: ${res.body}`).toBe(status);
  return res.json<T>();
}
const fillBlanks = (markdown: string) => markdown.replace(/\[\[TO COMPLETE: [^\]]*\]\]/g, 'Not known yet; to follow in an update.');

beforeAll(async () => {
  h = await startHarness();
  const opened = await h.as('commander', 'POST', '/api/incidents', { title: 'Ransomware at the UK office', severity: 'critical', entities: ['jp-hq', 'uk-ltd'], summary: 'Files encrypted on uk-app01; ransom note found.', awarenessAt: new Date(Date.now() - 3600_000).toISOString() });
  id = opened.json<{ id: string }>().id;
  await h.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-app01', state: 'in_scope', evidence: 'ransom note on the app server' } });
});
afterAll(() => h.close());

describe('drafting a notice', () => {
  it('fills the template from the incident and lists the blanks', async () => {
    const n = await call<NoticeViewAnswer>('responder', 'POST', notices(), { template: 'uk-gdpr-33-ico', entity: 'uk-ltd', exfiltration: 'suspected' }, 201);
    expect(n).toMatchObject({ noticeId: 'N-001', template: 'uk-gdpr-33-ico', audience: 'regulator', entity: 'uk-ltd', regime: 'uk-gdpr', obligationId: 'uk-gdpr-33', recipient: "Information Commissioner's Office (ICO)", status: 'draft', draftedBy: 'rob', fourEyes: true });
    expect(n.markdown).toContain('**From:** Example UK Ltd (GB), controller');
    expect(n.markdown).toContain('Categories of personal data concerned: contact.');
    expect(n.markdown).toContain('about 50,000 (records in the data stores concerned; an upper estimate)');
    expect(n.markdown).toContain('Suspected, not confirmed');
    expect(n.blanks.map((b) => b.text)).toContain('the contact point (name, role, e-mail and telephone)');
    expect(n.blanks.every((b) => n.markdown.split('\n')[b.line - 1]?.includes('[[TO COMPLETE:'))).toBe(true);
    const timeline = (await call<{ items: { type: string }[] }>('viewer', 'GET', `/api/incidents/${id}/events`, undefined, 200)).items;
    expect(timeline.at(-1)?.type).toBe('notice.drafted');
  });

  it('refuses bad input with the field and a hint', async () => {
    const unknown = await call<ErrorAnswer>('responder', 'POST', notices(), { template: 'eu-gdpr-99', entity: 'uk-ltd' }, 422);
    expect(unknown.error.issues[0]).toMatchObject({ field: 'body.template', message: 'unknown template' });
    expect(unknown.error.issues[0]?.hint).toMatch(/use one of: .*uk-gdpr-33-ico/);
    const wrongRule = await call<ErrorAnswer>('responder', 'POST', notices(), { template: 'uk-gdpr-33-ico', entity: 'uk-ltd', obligationId: 'jp-appi-preliminary' }, 422);
    expect(wrongRule.error.issues[0]?.field).toBe('body.obligationId');
    const badEntity = await call<ErrorAnswer>('responder', 'POST', notices(), { template: 'uk-gdpr-33-ico', entity: 'Not An Id!' }, 400);
    expect(badEntity.error.issues[0]?.field).toBe('body.entity');
    const tooLong = await call<ErrorAnswer>('responder', 'PATCH', `${notices()}/N-001`, { markdown: 'x'.repeat(60_001) }, 400);
    expect(tooLong.error.issues[0]?.field).toBe('body.markdown');
    await call('viewer', 'POST', notices(), { template: 'uk-gdpr-33-ico', entity: 'uk-ltd' }, 403);
    await call('responder', 'GET', `${notices()}/N-999`, undefined, 404);
  });
});

describe('approving and sending', () => {
  it('cannot record a notice as sent without an approval (409 with a hint)', async () => {
    const refused = await call<ErrorAnswer>('responder', 'POST', `${notices()}/N-001/send`, { channel: 'ICO web form', reference: 'ICO-1' }, 409);
    expect(refused.error).toMatchObject({ code: 'conflict', message: 'N-001 cannot be recorded as sent: its current text is not approved' });
    expect(refused.error.details.hint).toMatch(/complete its blanks, then ask a person who may approve notices/);
  });

  it('refuses to approve a notice with blanks, then the drafter (four eyes), and lets the entity lead approve', async () => {
    const draft = await call<NoticeViewAnswer>('responder', 'GET', `${notices()}/N-001`, undefined, 200);
    const blanks = await call<ErrorAnswer>('commander', 'POST', `${notices()}/N-001/approve`, { hashOfText: draft.hash }, 409);
    expect(blanks.error.issues.length).toBe(draft.blanks.length);
    expect(blanks.error.issues[0]).toMatchObject({ field: 'markdown', line: draft.blanks[0]?.line });
    await call('responder', 'POST', `${notices()}/N-001/approve`, { hashOfText: draft.hash }, 403); // no notice:approve
    const edited = await call<NoticeViewAnswer>('commander', 'PATCH', `${notices()}/N-001`, { markdown: fillBlanks(draft.markdown), reason: 'blanks completed' }, 200);
    expect(edited).toMatchObject({ blanks: [], authors: ['rob', 'cora'] });
    const self = await call<ErrorAnswer>('commander', 'POST', `${notices()}/N-001/approve`, { hashOfText: edited.hash }, 403);
    expect(self.error.message).toMatch(/four-eyes rule: cora wrote the text of N-001/);
    expect(self.error.details.hint).toMatch(/ask another person/);
    const stale = await call<ErrorAnswer>('entity_lead', 'POST', `${notices()}/N-001/approve`, { hashOfText: draft.hash }, 409);
    expect(stale.error.message).toMatch(/changed since you read it/);
    const approved = await call<NoticeViewAnswer>('entity_lead', 'POST', `${notices()}/N-001/approve`, { hashOfText: edited.hash }, 201);
    expect(approved).toMatchObject({ status: 'approved', approval: { approver: 'uk-lead', hash: edited.hash } });
  });

  it('voids the approval when the text is edited after it', async () => {
    const approved = await call<NoticeViewAnswer>('viewer', 'GET', `${notices()}/N-001`, undefined, 200);
    const edited = await call<NoticeViewAnswer>('responder', 'PATCH', `${notices()}/N-001`, { markdown: `${approved.markdown}\nUpdated after approval.\n` }, 200);
    expect(edited).toMatchObject({ status: 'draft', approval: null, voidedApproval: { approver: 'uk-lead' } });
    const refused = await call<ErrorAnswer>('responder', 'POST', `${notices()}/N-001/send`, { channel: 'ICO web form' }, 409);
    expect(refused.error.details.hint).toMatch(/the text was edited after uk-lead approved it/);
    await call('entity_lead', 'POST', `${notices()}/N-001/approve`, { hashOfText: edited.hash }, 201);
  });

  it('records the sending with the filing of the obligation, so the clock shows it done', async () => {
    const future = await call<ErrorAnswer>('responder', 'POST', `${notices()}/N-001/send`, { channel: 'ICO web form', at: new Date(Date.now() + 86_400_000).toISOString() }, 422);
    expect(future.error.issues[0]?.field).toBe('body.at');
    const sent = await call<{ notice: NoticeViewAnswer; filed: { ruleId: string; entity: string } | null }>('responder', 'POST', `${notices()}/N-001/send`, { channel: 'ICO web form', reference: 'ICO-2026-0042' }, 201);
    expect(sent.filed).toEqual({ ruleId: 'uk-gdpr-33', entity: 'uk-ltd' });
    expect(sent.notice).toMatchObject({ status: 'sent', sent: { recipient: "Information Commissioner's Office (ICO)", channel: 'ICO web form', reference: 'ICO-2026-0042', recordedBy: 'rob' } });
    const view = await call<{ obligations: { entity: string; ruleId: string; status: string; filings: { reference: string | null; document: { name: string; sha256?: string } | null }[] }[] }>('viewer', 'GET', `/api/incidents/${id}/obligations`, undefined, 200);
    const ico = view.obligations.find((o) => o.entity === 'uk-ltd' && o.ruleId === 'uk-gdpr-33');
    expect(ico?.status).toBe('filed');
    expect(ico?.filings[0]).toMatchObject({ reference: 'ICO-2026-0042', document: { name: `${id}-N-001.md`, sha256: sent.notice.hash } });
    const again = await call<ErrorAnswer>('responder', 'POST', `${notices()}/N-001/send`, { channel: 'e-mail' }, 409);
    expect(again.error.details.hint).toMatch(/draft a follow-up notice/);
    await call('responder', 'PATCH', `${notices()}/N-001`, { markdown: 'changed' }, 409);
  });

  it('lets the writer of a customer statement approve it', async () => {
    const n = await call<NoticeViewAnswer>('entity_lead', 'POST', notices(), { template: 'customer-statement', entity: 'uk-ltd', contact: 'support@example.co.uk' }, 201);
    const edited = await call<NoticeViewAnswer>('entity_lead', 'PATCH', `${notices()}/${n.noticeId}`, { markdown: fillBlanks(n.markdown) }, 200);
    await call('entity_lead', 'POST', `${notices()}/${n.noticeId}/approve`, { hashOfText: edited.hash }, 201);
  });
});

describe('entity scope', () => {
  it('keeps an entity lead to their entities', async () => {
    const jp = await call<NoticeViewAnswer>('commander', 'POST', notices(), { template: 'jp-appi-preliminary', entity: 'jp-hq' }, 201);
    await call('entity_lead', 'POST', notices(), { template: 'jp-appi-preliminary', entity: 'jp-hq' }, 403);
    await call('entity_lead', 'GET', `${notices()}/${jp.noticeId}`, undefined, 404);
    await call('entity_lead', 'POST', `${notices()}/${jp.noticeId}/approve`, { hashOfText: jp.hash }, 404);
    const list = await call<{ notices: NoticeViewAnswer[]; templates: { id: string }[] }>('entity_lead', 'GET', notices(), undefined, 200);
    expect(list.notices.map((n) => n.entity)).toEqual(['uk-ltd', 'uk-ltd']);
    expect(list.templates.length).toBeGreaterThan(10);
  });
});

describe('the report', () => {
  it('lists the notices sent, in JSON, Markdown and PDF', async () => {
    const json = await call<{ notices: { noticeId: string; status: string; reference: string | null; approvedBy: string | null; sha256: string }[] }>('viewer', 'GET', `/api/incidents/${id}/report?format=json`, undefined, 200);
    expect(json.notices.find((n) => n.noticeId === 'N-001')).toMatchObject({ status: 'sent', reference: 'ICO-2026-0042', approvedBy: 'uk-lead' });
    const md = (await h.as('viewer', 'GET', `/api/incidents/${id}/report?format=md`)).body;
    expect(md).toMatch(/## Notices[\s\S]*\| N-001 \| uk-ltd \| Personal data breach report to the Information Commissioner's Office \(UK GDPR Art\. 33\) \|[^\n]*\| sent \| uk-lead \|[^\n]*ICO web form \| ICO-2026-0042 \| uk-gdpr-33 \|/);
    const pdf = await h.as('viewer', 'GET', `/api/incidents/${id}/report?format=pdf`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-notices-'));
    try {
      await writeFile(path.join(dir, 'report.pdf'), pdf.rawPayload);
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', path.join(dir, 'report.pdf'), '-']);
      expect(stdout).toContain('Notices');
      expect(stdout).toMatch(/N-001/);
      expect(stdout).toMatch(/ref ICO-2026-0042/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
