/** The incident report as Markdown. */
import { formatMs, type IncidentReport } from './report.js';

const cell = (text: string | null | undefined) => (text ?? '-').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header: string[], rows: (string | null)[][]): string[] {
  if (rows.length === 0) return ['_None._'];
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

const MAX_ACTIONS = 300;

function responseSection(r: IncidentReport): string[] {
  const { plans, actions, downtimeByRegion } = r.response;
  const shown = actions.slice(0, MAX_ACTIONS);
  return [
    '## Response plans and actions',
    '',
    ...table(['Plan', 'Title', 'Status', 'Requested by', 'Approved by', 'Started', 'Result', 'Rolled back'], plans.map((p) => [p.planId, p.title, p.status, p.requestedBy, p.approvedBy.join(', ') || null, p.startedAt, p.result, p.rolledBackAt])),
    '',
    ...table(['Plan', 'Action', 'Direction', 'State', 'At', 'Evidence'], shown.map((a) => [a.planId, a.label, a.direction, a.state, a.at, a.evidence])),
    ...(actions.length > shown.length ? ['', `_And ${actions.length - shown.length} more actions (see the JSON report)._`] : []),
    '',
    '## Business impact',
    '',
    ...table(['Plan', 'Hosts affected', 'Services down', 'Output lost per hour', 'Regions'], plans.filter((p) => p.startedAt !== null).map((p) => [p.planId, String(p.hostsAffected), p.servicesDown.join(', ') || null, p.lostPerHour.join(', ') || null, p.regions.join(', ')])),
    '',
    ...table(['Region', 'Systems offline for', 'From', 'Until', 'Services down', 'Output lost per hour'], downtimeByRegion.map((d) => [d.region, formatMs(d.ms), d.from, d.until ?? 'still offline', String(d.servicesDown), d.lostPerHour.join(', ') || null])),
    '',
  ];
}

export function renderMarkdown(r: IncidentReport): string {
  const i = r.incident;
  const lines = [
    `# ${i.id}: ${i.title}`,
    '',
    `Severity **${i.severity}**, state **${i.state}**, commander ${i.commander ?? 'unassigned'}. Entities: ${i.entities.join(', ') || '-'}.`,
    `Aware since ${i.awarenessAt} (${i.awarenessSource}); opened ${i.openedAt}. Report generated ${r.generatedAt} by ${r.generatedBy}.`,
    ...(i.description ? ['', i.description] : []),
    '',
    '## Metrics',
    '',
    ...table(['Time to detect', 'Time to contain', 'Time to recover'], [[formatMs(r.metrics.timeToDetectMs), formatMs(r.metrics.timeToContainMs), formatMs(r.metrics.timeToRecoverMs)]]),
    '',
    ...table(['State', 'Time in state'], Object.entries(r.metrics.timeInStateMs).filter(([, ms]) => ms > 0).map(([s, ms]) => [s, formatMs(ms)])),
    '',
    '## Scope by entity',
    '',
    ...r.scope.flatMap((g) => [`### ${g.entity}`, '', ...table(['Kind', 'Ref', 'State', 'Evidence', 'Since'], g.items.map((x) => [x.kind, x.ref, x.state, x.evidence, x.updatedAt])), '']),
    ...(r.scope.length === 0 ? ['_No scope recorded._', ''] : []),
    '## Detections',
    '',
    ...table(['Time', 'Level', 'Rule', 'Rule author', 'Host', 'ATT&CK'], r.detections.map((d) => [d.at, d.level, d.rule, d.author, d.host, d.techniques.join(', ')])),
    '',
    ...responseSection(r),
    '## Obligations',
    '',
    ...table(['Entity', 'Obligation', 'Recipient', 'Status', 'Deadline', 'Filed'], r.obligations.map((o) => [o.entity, o.title, o.recipient, o.status, o.deadline, o.filed])),
    '',
    '## Notices',
    '',
    ...table(['Notice', 'Entity', 'Title', 'Recipient', 'Status', 'Approved by', 'Sent', 'Channel', 'Reference', 'Fulfils'], r.notices.map((n) => [n.noticeId, n.entity, n.title, n.recipient, n.status, n.approvedBy, n.sentAt, n.channel, n.reference, n.obligationId])),
    ...(r.notices.length === 0 ? [] : ['', `_Texts are kept in the incident log; each approved and sent text is identified by its sha256 (${r.notices.map((n) => `${n.noticeId} \`${n.sha256.slice(0, 16)}…\``).join(', ')})._`]),
    '',
    '## Decisions',
    '',
    ...table(['Time', 'Kind', 'Decision', 'Rationale', 'Approvers'], r.decisions.map((d) => [d.at, d.kind, d.decision, d.rationale, d.approvers.join(', ')])),
    '',
    '## Timeline',
    '',
    ...table(['#', 'Time', 'Actor', 'What'], r.timeline.map((t) => [String(t.seq), t.at, t.actor, t.description])),
    '',
    `_Incident log: ${r.chain.events} events, hash chain head \`${r.chain.lastHash}\` (verify with \`firebreak audit verify ${i.id}\`)._`,
    '',
  ];
  return lines.join('\n');
}
