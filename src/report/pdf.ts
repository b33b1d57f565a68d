/** The incident report as PDF, drawn with pdfkit (no browser needed). */
import PDFDocument from 'pdfkit';
import { formatMs, type IncidentReport } from './report.js';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The standard PDF fonts (no font files, no browser) show Latin-1 and the usual typographic marks only. Runs of
 * other characters (Japanese, say) become "…"; the Markdown and JSON reports keep the full text.
 */
const SHOWN = /[^\t\n\r\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]+/g;
let replaced = false; // per render: renderPdf draws every line synchronously before it ends the document
function shown(text: string): string {
  return text.replace(SHOWN, () => {
    replaced = true;
    return '…';
  });
}

/** `2021-06-02T01:00:00.000Z` -> `2021-06-02 01:00Z`. */
const when = (iso: string | null) => (iso === null ? null : iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z'));

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1f2937').text(shown(text)).moveDown(0.3);
  doc.font('Helvetica').fontSize(9).fillColor('#111827');
}

/** Rows of columns with fixed widths; long cells wrap inside their column. */
function rows(doc: Doc, header: string[], widths: number[], data: (string | null)[][]): void {
  if (data.length === 0) {
    doc.font('Helvetica-Oblique').text('None.').font('Helvetica');
    return;
  }
  const left = doc.page.margins.left;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const top = doc.y;
    let bottom = top;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    let x = left;
    cells.forEach((text, i) => {
      const width = widths[i] ?? 80;
      doc.text(shown(text), x, top, { width: width - 6 });
      bottom = Math.max(bottom, doc.y);
      x += width;
    });
    doc.x = left;
    doc.y = bottom + 3;
  };
  draw(header, true);
  for (const r of data) draw(r.map((c) => c ?? '-'), false);
  doc.font('Helvetica');
}

export function renderPdf(r: IncidentReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${r.incident.id}: ${r.incident.title}`, Author: 'Firebreak', Subject: 'Incident report' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const i = r.incident;
  replaced = false;
  doc.font('Helvetica-Bold').fontSize(18).text(shown(`${i.id}: ${i.title}`));
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  doc.text(shown(`Severity ${i.severity} - state ${i.state} - commander ${i.commander ?? 'unassigned'} - entities ${i.entities.join(', ') || '-'}`));
  doc.text(shown(`Aware since ${i.awarenessAt} (${i.awarenessSource}); opened ${i.openedAt}. Generated ${r.generatedAt} by ${r.generatedBy}.`));
  if (i.description) doc.moveDown(0.3).text(shown(i.description));
  heading(doc, 'Metrics');
  rows(doc, ['Time to detect', 'Time to contain', 'Time to recover'], [170, 170, 170], [[formatMs(r.metrics.timeToDetectMs), formatMs(r.metrics.timeToContainMs), formatMs(r.metrics.timeToRecoverMs)]]);
  heading(doc, 'Scope by entity');
  rows(doc, ['Entity', 'Kind', 'Ref', 'State', 'Evidence'], [80, 55, 100, 65, 215], r.scope.flatMap((g) => g.items.map((x) => [g.entity, x.kind, x.ref, x.state, x.evidence])));
  heading(doc, 'Detections');
  rows(doc, ['Time', 'Level', 'Rule', 'Rule author', 'Host'], [110, 50, 165, 110, 80], r.detections.map((d) => [when(d.at), d.level, d.rule, d.author, d.host]));
  heading(doc, 'Response plans and actions');
  rows(doc, ['Plan', 'Title', 'Status', 'Approved by', 'Started', 'Result'], [45, 170, 70, 80, 80, 70], r.response.plans.map((p) => [p.planId, p.title, p.status, p.approvedBy.join(', ') || null, when(p.startedAt), p.result]));
  rows(doc, ['Plan', 'Action', 'State', 'Evidence'], [45, 175, 60, 235], r.response.actions.slice(0, 300).map((a) => [a.planId, `${a.label}${a.direction === 'reverse' ? ' (rollback)' : ''}`, a.state, a.evidence]));
  heading(doc, 'Business impact: downtime per region');
  rows(doc, ['Region', 'Offline for', 'From', 'Until', 'Services down', 'Lost per hour'], [70, 70, 95, 95, 55, 130], r.response.downtimeByRegion.map((d) => [d.region, formatMs(d.ms), when(d.from), d.until === null ? 'still offline' : when(d.until), String(d.servicesDown), d.lostPerHour.join(', ') || null]));
  heading(doc, 'Obligations');
  rows(doc, ['Entity', 'Obligation', 'Recipient', 'Status', 'Deadline'], [60, 170, 100, 70, 115], r.obligations.map((o) => [o.entity, o.title, o.recipient, o.status, when(o.deadline)]));
  heading(doc, 'Notices');
  rows(doc, ['Notice', 'Entity', 'Title / recipient', 'Status', 'Approved by', 'Sent / reference'], [45, 55, 185, 45, 70, 115], r.notices.map((n) => [n.noticeId, n.entity, `${n.title}\nto ${n.recipient}`, n.status, n.approvedBy, n.sentAt === null ? null : `${when(n.sentAt) ?? ''} via ${n.channel ?? '-'}${n.reference === null ? '' : `, ref ${n.reference}`}`]));
  heading(doc, 'Decisions');
  rows(doc, ['Time', 'Kind', 'Decision', 'Rationale', 'Approvers'], [100, 50, 100, 165, 100], r.decisions.map((d) => [when(d.at), d.kind, d.decision, d.rationale, d.approvers.join(', ')]));
  heading(doc, 'Timeline');
  rows(doc, ['#', 'Time', 'Actor', 'What'], [25, 110, 80, 300], r.timeline.map((t) => [String(t.seq), when(t.at) ?? '', t.actor, t.description]));
  doc.moveDown(1).font('Helvetica-Oblique').fontSize(8).text(`Incident log: ${r.chain.events} events; hash chain head ${r.chain.lastHash}. Verify with: firebreak audit verify ${i.id}`);
  if (replaced) doc.text('Characters the standard PDF fonts cannot show are written "…"; the Markdown and JSON reports keep the full text.');
  doc.end();
  return done;
}
