/**
 * The incident report as data: timeline, scope by entity, detections, response plans and actions with their
 * evidence, business impact and downtime per region, obligations and their status, notices (approved and sent),
 * decisions and metrics (time to detect, contain, recover), built from the incident's log and views computed elsewhere. Pure;
 * Markdown, JSON and PDF render from this one structure.
 */
import { projectIncident, type IncidentEvent } from '../incident/index.js';
import type { Alert } from '../intake/index.js';
import type { DecisionLog, NoticeView, ObligationView } from '../obligations/index.js';
import { responseOf, type ReportResponse } from './response.js';

export interface ReportInput {
  events: readonly IncidentEvent[];
  obligations: readonly ObligationView[];
  decisions: DecisionLog;
  /** The incident's notices (default: none). */
  notices?: readonly NoticeView[] | undefined;
  generatedAt: string;
  generatedBy: string;
}

export interface ScopeByEntity {
  entity: string;
  items: { kind: string; ref: string; state: string; evidence: string; updatedAt: string }[];
}

export interface ReportNotice {
  noticeId: string;
  entity: string;
  title: string;
  recipient: string;
  status: string;
  obligationId: string | null;
  draftedBy: string;
  approvedBy: string | null;
  approvedAt: string | null;
  sentAt: string | null;
  channel: string | null;
  reference: string | null;
  /** sha256 of the text approved and sent (or of the current draft). */
  sha256: string;
}

export interface IncidentReport {
  generatedAt: string;
  generatedBy: string;
  incident: { id: string; title: string; state: string; severity: string; commander: string | null; entities: string[]; openedAt: string; description: string | null; awarenessAt: string; awarenessSource: string };
  metrics: { timeToDetectMs: number | null; timeToContainMs: number | null; timeToRecoverMs: number | null; timeInStateMs: Record<string, number> };
  timeline: { seq: number; at: string; actor: string; type: string; description: string }[];
  scope: ScopeByEntity[];
  detections: { at: string; level: string; rule: string; author: string; host: string | null; techniques: string[] }[];
  obligations: { entity: string; ruleId: string; title: string; recipient: string; status: string; deadline: string | null; filed: string | null; reasons: string[] }[];
  /** Plans, their actions with the evidence reported, and the downtime per region. */
  response: ReportResponse;
  notices: ReportNotice[];
  decisions: { at: string; kind: string; decision: string; rationale: string; approvers: string[] }[];
  chain: { events: number; lastHash: string };
}

function detectionsOf(events: readonly IncidentEvent[]): IncidentReport['detections'] {
  return events
    .filter((e) => e.type === 'alert.raised')
    .map((e) => e.payload as Alert)
    .map((a) => ({ at: a.at, level: a.rule.level, rule: a.rule.title, author: a.rule.author, host: a.host ?? a.hostReported, techniques: a.techniques }));
}

function scopeOf(view: ReturnType<typeof projectIncident>['scope']): ScopeByEntity[] {
  const byEntity = new Map<string, ScopeByEntity>();
  for (const item of [...view.entity, ...view.segment, ...view.host]) {
    const entity = item.entity ?? 'unknown';
    const group = byEntity.get(entity) ?? { entity, items: [] };
    group.items.push({ kind: item.kind, ref: item.ref, state: item.state, evidence: item.history.at(-1)?.evidence ?? '', updatedAt: item.updatedAt });
    byEntity.set(entity, group);
  }
  return [...byEntity.values()].sort((a, b) => a.entity.localeCompare(b.entity));
}

function noticeOf(n: NoticeView): ReportNotice {
  return {
    noticeId: n.noticeId, entity: n.entity, title: n.title, recipient: n.sent?.recipient ?? n.recipient, status: n.status,
    obligationId: n.obligationId, draftedBy: n.draftedBy, approvedBy: n.approval?.approver ?? null, approvedAt: n.approval?.at ?? null,
    sentAt: n.sent?.at ?? null, channel: n.sent?.channel ?? null, reference: n.sent?.reference ?? null, sha256: n.sent?.hash ?? n.hash,
  };
}

/**
 * @example
 * const report = buildReport({ events, obligations, decisions, generatedAt: now, generatedBy: 'alice' });
 * renderMarkdown(report);
 */
export function buildReport(input: ReportInput): IncidentReport {
  const view = projectIncident(input.events, { asOf: new Date(input.generatedAt) });
  const detections = detectionsOf(input.events);
  const awareness = Date.parse(view.awareness.at);
  const firstSignal = detections.reduce<number | null>((min, d) => (min === null || Date.parse(d.at) < min ? Date.parse(d.at) : min), null);
  const recoveredAt = view.metrics.firstEnteredAt.recover;
  const s = view.summary;
  return {
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    incident: { id: s.id, title: s.title, state: s.state, severity: s.severity, commander: s.commander, entities: s.entities, openedAt: s.openedAt, description: view.description, awarenessAt: view.awareness.at, awarenessSource: view.awareness.source },
    metrics: {
      timeToDetectMs: firstSignal === null ? null : Math.max(0, awareness - firstSignal),
      timeToContainMs: view.metrics.timeToContainMs,
      timeToRecoverMs: recoveredAt === undefined ? null : Date.parse(recoveredAt) - awareness,
      timeInStateMs: view.metrics.timeInStateMs,
    },
    timeline: view.timeline.map((t) => ({ seq: t.seq, at: t.at, actor: t.actor, type: t.type, description: t.description })),
    scope: scopeOf(view.scope),
    detections,
    obligations: input.obligations
      .filter((o) => o.applicable || o.status === 'not_required')
      .map((o) => ({ entity: o.entity, ruleId: o.ruleId, title: o.title, recipient: o.recipient.name, status: o.status, deadline: o.deadline, filed: o.filings[0]?.at ?? null, reasons: o.reasons })),
    response: responseOf(input.events, input.generatedAt),
    notices: (input.notices ?? []).map(noticeOf),
    decisions: input.decisions.decisions.map((d) => ({ at: d.at, kind: d.kind, decision: d.decision, rationale: d.rationale, approvers: d.approvers })),
    chain: { events: input.events.length, lastHash: input.events.at(-1)?.hash ?? '' },
  };
}

/** `3d 4h`, `45m`, `-` for unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '-';
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', !d && m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}
