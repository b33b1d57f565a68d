/**
 * What a notice can say from the record: the incident (times, timeline, measures, detections), the entity, the
 * obligation it fulfils, the scope and the personal data reached (from the breach assessment, else the estate),
 * the recorded determination and classifications, and the ransom decisions. Pure: every value is Markdown; a
 * value the record does not give is left out, and the template's placeholder becomes a blank.
 */
import { decodeEvent, projectIncident, projectScope, type IncidentEvent } from '../incident/index.js';
import type { Alert } from '../intake/index.js';
import type { BreachAssessment, Exfiltration } from './assessment.types.js';
import { projectDecisionLog } from './decision-log.js';
import { exposures, scopeFromView, type ExposedStore, type ObligationEstate } from './exposure.js';
import { currentClassification, currentDetermination, readObligationFacts } from './incident-facts.js';
import { countryTimeZone } from './jurisdictions.js';
import { noticeMeasures, noticeTimeline } from './notices.history.js';
import type { PlaceholderKey } from './notices.placeholders.js';
import type { ObligationView } from './obligation.types.js';
import { formatInZone } from './time-zone.js';

export type NoticeFacts = Partial<Record<PlaceholderKey, string>>;

export interface NoticeFactsInput {
  events: readonly IncidentEvent[];
  estate: ObligationEstate;
  entity: string;
  /** Determination keys of the template (`gdpr`, `appi`, ...). */
  regimes: readonly string[];
  /** The assessment of this entity under the template's regime, when there is one. */
  assessment?: BreachAssessment | undefined;
  /** The obligation the notice fulfils, when there is one. */
  obligation?: ObligationView | undefined;
  recipient: string;
  contact?: string | undefined;
  preparer: string;
  exfiltration: Exfiltration;
  now: string;
}

const count = (value: number): string => value.toLocaleString('en-US');
const bullets = (lines: readonly string[]): string => lines.map((line) => `- ${line}`).join('\n');

/** `2021-06-02 10:00 UTC+09:00`: a short local time for list lines. */
export function shortTime(iso: string, zone: string): string {
  if (zone === 'UTC') return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const local = formatInZone(Date.parse(iso), zone);
  return `${local.slice(0, 16).replace('T', ' ')} UTC${local.slice(23)}`;
}

/** `2021-06-02 10:00 (Asia/Tokyo, UTC+09:00); 2021-06-02 01:00 UTC`. */
export function noticeTime(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  const utc = `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (zone === 'UTC') return utc;
  const local = formatInZone(instant, zone);
  return `${local.slice(0, 16).replace('T', ' ')} (${zone}, UTC${local.slice(23)}); ${utc}`;
}

const EXFILTRATION: Record<Exfiltration, string | undefined> = {
  confirmed: 'Confirmed: data were taken out of the organisation.',
  suspected: 'Suspected, not confirmed: the investigation continues.',
  excluded: 'Excluded by the investigation (no sign that data left the organisation).',
  unknown: undefined,
};

function dataFacts(stores: readonly ExposedStore[], assessment: BreachAssessment | undefined): NoticeFacts {
  const reached = assessment
    ? assessment.dataStores.map((s) => ({ ...s, hostState: s.hostState }))
    : stores.map(({ store, hostState }) => ({ id: store.id, name: store.name, host: store.host, hostState, categories: store.personalData, records: store.records, subjectCountries: store.subjectCountries, encryptedAtRest: store.encryptedAtRest }));
  if (reached.length === 0) return {};
  const categories = [...new Set(reached.flatMap((s) => s.categories))].sort();
  const subjects = [...new Set(reached.flatMap((s) => s.subjectCountries))].sort();
  const records = reached.reduce((sum, s) => sum + s.records, 0);
  const encrypted = reached.filter((s) => s.encryptedAtRest).length;
  const facts: NoticeFacts = {
    'data.categories': categories.join(', '),
    'data.stores': bullets(reached.map((s) => `${s.name} on ${s.host} (${s.hostState === 'in_scope' ? 'affected' : 'possibly affected'}): ${s.categories.join(', ')}; about ${count(s.records)} records; subjects in ${s.subjectCountries.join(', ') || 'unrecorded countries'}; ${s.encryptedAtRest ? 'encrypted at rest' : 'not encrypted at rest'}`)),
    'data.subjects': subjects.join(', '),
    'data.encryption': encrypted === reached.length ? 'All the data stores concerned are encrypted at rest.' : encrypted === 0 ? 'None of the data stores concerned is encrypted at rest.' : `${encrypted} of the ${reached.length} data stores concerned are encrypted at rest.`,
  };
  if (records > 0) {
    facts['data.records'] = `about ${count(records)} (records in the data stores concerned; an upper estimate)`;
    facts['data.persons'] = `up to ${count(records)} (estimated from the records concerned; the count of persons is being established)`;
  }
  return facts;
}

function scopeFacts(input: NoticeFactsInput): { facts: NoticeFacts; stores: ExposedStore[] } {
  const scope = scopeFromView(projectScope(input.events.map(decodeEvent)));
  const exposure = exposures(input.estate, scope).get(input.entity);
  if (!exposure) return { facts: {}, stores: [] };
  const { in_scope: affected, suspected, cleared } = exposure.hosts;
  const facts: NoticeFacts = {
    'scope.summary': `${affected.length} system(s) affected, ${suspected.length} under investigation, ${cleared.length} cleared`,
  };
  const hosts = [...affected.map((h) => `${h}: affected`), ...suspected.map((h) => `${h}: under investigation`)];
  if (hosts.length > 0) facts['scope.hosts'] = bullets(hosts.slice(0, 50)) + (hosts.length > 50 ? `\n- and ${hosts.length - 50} more` : '');
  return { facts, stores: exposure.stores };
}

function determinationFacts(input: NoticeFactsInput): NoticeFacts {
  const facts = readObligationFacts(input.events);
  const out: NoticeFacts = {};
  for (const key of input.regimes) {
    const current = currentDetermination(facts, input.entity, key);
    if (!current) continue;
    const r = current.record;
    const words = { notifiable: 'notifiable', not_notifiable: 'not notifiable', undetermined: 'undetermined' }[r.decision];
    out.determination = `${words} under ${key}, determined by ${r.by} (${r.effectiveAt.slice(0, 16).replace('T', ' ')} UTC):\n${bullets(r.reasoning)}`;
    if (r.affectedPersons !== undefined) out['data.persons'] = `${count(r.affectedPersons)} (counted)`;
  }
  const regimes = [...new Set([...input.regimes, input.obligation?.regime, 'nis2', 'dora', 'appi'].filter((r): r is string => r !== undefined))];
  const classes = regimes.flatMap((regime) => {
    const current = currentClassification(facts, regime, input.entity);
    return current ? [`${regime}: ${current.value} (since ${current.since.slice(0, 16).replace('T', ' ')} UTC)`] : [];
  });
  if (classes.length > 0) out.classification = classes.join('; ');
  return out;
}

function detectionFacts(events: readonly IncidentEvent[]): NoticeFacts {
  const alerts = events.filter((e) => e.type === 'alert.raised').map((e) => e.payload as Alert);
  if (alerts.length === 0) return {};
  const techniques = [...new Set(alerts.flatMap((a) => a.techniques ?? []))].sort();
  const lines = alerts.slice(0, 20).map((a) => `${a.at.slice(0, 16).replace('T', ' ')} UTC: ${a.rule.title}${a.host ?? a.hostReported ? ` on ${a.host ?? a.hostReported}` : ''}`);
  const first = alerts.map((a) => a.at).sort()[0];
  return {
    detections: bullets(lines) + (alerts.length > 20 ? `\n- and ${alerts.length - 20} more detections` : ''),
    ...(techniques.length > 0 ? { techniques: techniques.join(', ') } : {}),
    ...(first === undefined ? {} : { 'incident.detected': first }),
  };
}

function ransomFacts(events: readonly IncidentEvent[]): NoticeFacts {
  const log = projectDecisionLog(events);
  const lines = [
    ...log.decisions.filter((d) => d.kind === 'ransom').map((d) => `${d.at.slice(0, 10)}: ${d.decision} (${d.rationale}; approved by ${d.approvers.join(', ')})`),
    ...log.payments.map((p) => `${p.at.slice(0, 10)}: ransom paid${p.amount === null ? '' : `: ${p.amount} ${p.currency ?? ''}`.trimEnd()}${p.paidBy === null ? '' : ` by ${p.paidBy}`}`),
  ];
  return lines.length === 0 ? {} : { ransom: bullets(lines) };
}

/**
 * The facts for one notice, keyed by placeholder. Absent keys become blanks when the notice is filled.
 *
 * @example
 * const facts = noticeFacts({ events, estate, entity: 'hik-hd', regimes: ['appi'], recipient: 'PPC', preparer: 'Ana', exfiltration: 'suspected', now });
 * facts['incident.awareness']; // '2021-06-02 07:30 (Asia/Tokyo, UTC+09:00); 2021-06-01 22:30 UTC'
 */
export function noticeFacts(input: NoticeFactsInput): NoticeFacts {
  const view = projectIncident(input.events);
  const entity = input.estate.entities.find((e) => e.id === input.entity);
  const zone = (entity && countryTimeZone(entity.country)) ?? 'UTC';
  const at = (iso: string) => noticeTime(iso, zone);
  const short = (iso: string) => shortTime(iso, zone);
  const scope = scopeFacts(input);
  const s = view.summary;
  const detections = detectionFacts(input.events);
  const facts: NoticeFacts = {
    date: formatInZone(Date.parse(input.now), zone).slice(0, 10),
    preparer: input.preparer,
    recipient: input.recipient,
    'incident.id': s.id,
    'incident.title': s.title,
    'incident.severity': s.severity,
    'incident.state': s.state.replace(/_/g, ' '),
    'incident.awareness': at(view.awareness.at),
    'incident.opened': at(s.openedAt),
    'entity.id': input.entity,
    'scope.entities': s.entities.join(', '),
    ...scope.facts,
    ...dataFacts(scope.stores, input.assessment),
    ...determinationFacts(input),
    ...detections,
    ...ransomFacts(input.events),
  };
  if (detections['incident.detected'] !== undefined) facts['incident.detected'] = at(detections['incident.detected']);
  if (view.description) facts['incident.summary'] = view.description;
  if (entity) Object.assign(facts, { 'entity.name': entity.name, 'entity.country': entity.country });
  if (input.contact?.trim()) facts.contact = input.contact.trim();
  const exfiltration = EXFILTRATION[input.exfiltration];
  if (exfiltration !== undefined) facts['data.exfiltration'] = exfiltration;
  const o = input.obligation;
  if (o) {
    Object.assign(facts, { 'obligation.title': o.title, 'obligation.rule': o.ruleId, 'obligation.citation': o.rule.source.citation });
    if (o.deadline) facts['obligation.deadline'] = at(o.deadline);
  }
  const timeline = noticeTimeline(view, input.events, input.entity, short);
  if (timeline.length > 0) facts.timeline = bullets(timeline);
  const measures = noticeMeasures(view, input.events, input.entity, short);
  if (measures.length > 0) facts.measures = bullets(measures);
  return facts;
}
