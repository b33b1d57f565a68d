import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEvent, projectScope } from '../incident/index.js';
import { assessBreach } from './assessment.js';
import { scopeFromView } from './exposure.js';
import { prepareNotice } from './notices.draft.js';
import { fillNotice } from './notices.fill.js';
import { findBlanks } from './notices.placeholders.js';
import { parseNoticeTemplate, type NoticeTemplate } from './notices.template.js';
import { TestIncident, testEstate } from './obligations.testing.js';

const template = (id: string): NoticeTemplate => {
  const file = fileURLToPath(new URL(`../../content/notices/${id}.md`, import.meta.url));
  const parsed = parseNoticeTemplate(readFileSync(file, 'utf8'), `${id}.md`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.template;
};

const estate = testEstate([
  { id: 'jp-hq', country: 'JP', regulators: ['ppc-jp'], stores: [{ id: 'jp-crm', personalData: ['contact', 'financial'], subjectCountries: ['JP'], records: 120_000 }] },
  { id: 'uk-ltd', country: 'GB', regulators: ['ico'], stores: [{ id: 'uk-crm', personalData: ['contact'], subjectCountries: ['GB'], records: 5_000, encryptedAtRest: true }] },
]);

function incident() {
  const inc = new TestIncident({ title: 'Ransomware in Tokyo', severity: 'critical', entities: ['jp-hq', 'uk-ltd'], summary: 'Files encrypted on jp-hq-srv1.', awarenessAt: '2026-06-01T22:30:00Z' }, '2026-06-01T23:00:00Z');
  inc.scope('jp-hq-srv1', 'in_scope', '2026-06-02T01:00:00Z');
  inc.scope('uk-ltd-srv2', 'cleared', '2026-06-02T01:30:00Z');
  inc.record('decision.recorded', { kind: 'shutdown', decision: 'Take the Tokyo network offline', rationale: 'stop the spread', approvers: ['CEO'], entities: ['jp-hq'] }, '2026-06-02T02:00:00Z');
  return inc;
}

function draft(inc: TestIncident, id: string, entity: string, extra: { contact?: string } = {}) {
  const scope = scopeFromView(projectScope(inc.log.map(decodeEvent)));
  return prepareNotice({
    template: template(id), entity, events: inc.log, estate, obligations: [], assessments: assessBreach(estate, scope, { exfiltration: 'suspected', ransomware: true }),
    preparer: 'Ana Lee', exfiltration: 'suspected', now: '2026-06-02T03:00:00Z', ...extra,
  });
}

describe('filling a notice from the incident', () => {
  it('fills what the record gives and lists every blank with its line', () => {
    const { payload, blanks } = draft(incident(), 'jp-appi-preliminary', 'jp-hq');
    const md = payload.markdown;
    expect(md).toContain('**Date of awareness (発覚日):** 2026-06-02 07:30 (Asia/Tokyo, UTC+09:00); 2026-06-01 22:30 UTC');
    expect(md).toContain('Files encrypted on jp-hq-srv1.');
    expect(md).toMatch(/## \(2\)[^\n]*\n\ncontact, financial/);
    expect(md).toContain('up to 120,000 (estimated from the records concerned');
    expect(md).toContain('2026-06-02 11:00 UTC+09:00: decision (shutdown): Take the Tokyo network offline; stop the spread');
    expect(payload).toMatchObject({ template: 'jp-appi-preliminary', audience: 'regulator', entity: 'jp-hq', regime: 'appi', recipient: 'Personal Information Protection Commission (PPC)' });
    expect(blanks.map((b) => b.text)).toEqual([
      'the contact point (name, role, e-mail and telephone)',
      'how the incident was detected (detections and indicators)',
      'whether there is secondary damage or a risk of it (for example: data published on a leak site, fraud), and what it is',
      'whether and how the persons concerned have been or will be notified (APPI Art. 26(2))',
      'whether the incident has been or will be announced publicly, and when',
      'the breach determination and its reasoning',
    ]);
    const lines = md.split('\n');
    for (const blank of blanks) expect(lines[blank.line - 1]).toContain(`[[TO COMPLETE: ${blank.text}]]`);
  });

  it('uses the contact point, the determination and a counted number of persons when recorded', () => {
    const inc = incident();
    inc.record('breach.determined', { entity: 'jp-hq', regime: 'appi', decision: 'notifiable', reasoning: ['customer data on an encrypted host'], by: 'Dana (DPO)', affectedPersons: 98_000 }, '2026-06-02T02:30:00Z');
    const { payload, blanks } = draft(inc, 'jp-appi-preliminary', 'jp-hq', { contact: 'Dana Ito, DPO, dpo@example.jp, +81 3 0000 0000' });
    expect(payload.markdown).toContain('**Contact:** Dana Ito, DPO');
    expect(payload.markdown).toContain('notifiable under appi, determined by Dana (DPO) (2026-06-02 02:30 UTC):\n- customer data on an encrypted host');
    expect(payload.markdown).toContain('98,000 (counted)');
    expect(blanks.map((b) => b.text)).not.toContain('the contact point (name, role, e-mail and telephone)');
  });

  it('says what is known for an entity with no personal data reached, and leaves the data as blanks', () => {
    const { payload, blanks } = draft(incident(), 'uk-gdpr-33-ico', 'uk-ltd');
    expect(payload.markdown).toContain('0 system(s) affected, 0 under investigation, 1 cleared');
    expect(payload.markdown).toContain('uk-ltd-srv2 checked and cleared');
    expect(blanks.map((b) => b.text)).toContain('the categories of personal data concerned');
    expect(payload.markdown).not.toContain('Take the Tokyo network offline'); // another entity's decision
  });

  it('keeps the blanks a template writes itself', () => {
    const filled = fillNotice({ body: 'Contact: {{contact}}\n\nConsequences: [[TO COMPLETE: the likely consequences]]\n' }, {});
    expect(filled.markdown).toBe('Contact: [[TO COMPLETE: the contact point (name, role, e-mail and telephone)]]\n\nConsequences: [[TO COMPLETE: the likely consequences]]\n');
    expect(filled.blanks).toEqual([
      { line: 1, text: 'the contact point (name, role, e-mail and telephone)' },
      { line: 3, text: 'the likely consequences' },
    ]);
    expect(findBlanks('nothing to do')).toEqual([]);
  });

  it('refuses an unknown entity and an obligation the template does not fulfil', () => {
    expect(() => draft(incident(), 'eu-gdpr-33', 'nowhere')).toThrow(/no entity "nowhere"/);
    const inc = incident();
    expect(() =>
      prepareNotice({ template: template('eu-gdpr-33'), entity: 'jp-hq', events: inc.log, estate, obligations: [], assessments: [], obligationId: 'jp-appi-preliminary', preparer: 'Ana', exfiltration: 'unknown', now: '2026-06-02T03:00:00Z' }),
    ).toThrow(/template eu-gdpr-33 does not fulfil jp-appi-preliminary/);
  });
});
