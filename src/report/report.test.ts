import { describe, expect, it } from 'vitest';
import { hashOfText, projectNotices, registerNoticeEventTypes } from '../obligations/index.js';
import { TestIncident } from '../obligations/obligations.testing.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';
import { buildReport } from './report.js';

registerNoticeEventTypes();

function incident() {
  const inc = new TestIncident({ title: 'Ransomware in Tokyo', severity: 'critical', entities: ['jp-hq'] }, '2026-06-01T10:00:00Z');
  const markdown = '# APPI preliminary report\n';
  inc.record('notice.drafted', { noticeId: 'N-001', template: 'jp-appi-preliminary', title: 'APPI preliminary report (速報)', audience: 'regulator', entity: 'jp-hq', regime: 'appi', obligationId: 'jp-appi-preliminary', recipient: 'PPC', markdown }, '2026-06-01T11:00:00Z', 'user:rob');
  inc.record('notice.drafted', { noticeId: 'N-002', template: 'customer-statement', title: 'Statement to customers', audience: 'customers', entity: 'jp-hq', recipient: 'Customers', markdown: '[[TO COMPLETE: x]]\n' }, '2026-06-01T11:05:00Z', 'user:rob');
  inc.record('notice.approved', { noticeId: 'N-001', approver: 'cora', hashOfText: hashOfText(markdown) }, '2026-06-01T12:00:00Z', 'user:cora');
  inc.record('notice.sent', { noticeId: 'N-001', recipient: 'PPC web form', channel: 'PPC web form', reference: 'PPC-77', at: '2026-06-01T12:30:00Z', hashOfText: hashOfText(markdown) }, '2026-06-01T12:31:00Z', 'user:rob');
  return inc;
}

const build = (inc: TestIncident) =>
  buildReport({ events: inc.log, obligations: [], decisions: { decisions: [], payments: [] }, notices: projectNotices(inc.log), generatedAt: '2026-06-01T13:00:00Z', generatedBy: 'vera' });

describe('the report', () => {
  it('lists the notices with their approval and sending', () => {
    const report = build(incident());
    expect(report.notices).toEqual([
      { noticeId: 'N-001', entity: 'jp-hq', title: 'APPI preliminary report (速報)', recipient: 'PPC web form', status: 'sent', obligationId: 'jp-appi-preliminary', draftedBy: 'rob', approvedBy: 'cora', approvedAt: '2026-06-01T12:00:00.000Z', sentAt: '2026-06-01T12:30:00Z', channel: 'PPC web form', reference: 'PPC-77', sha256: hashOfText('# APPI preliminary report\n') },
      expect.objectContaining({ noticeId: 'N-002', status: 'draft', approvedBy: null, sentAt: null }),
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('| N-001 | jp-hq | APPI preliminary report (速報) | PPC web form | sent | cora | 2026-06-01T12:30:00Z | PPC web form | PPC-77 | jp-appi-preliminary |');
    expect(md).toContain('| N-002 | jp-hq | Statement to customers | Customers | draft | - | - | - | - | - |');
  });

  it('renders a PDF with the standard fonts', async () => {
    const pdf = await renderPdf(build(incident()));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
