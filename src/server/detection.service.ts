/**
 * Detection in the server: the compiled rule set, and intake of events and of alerts from other tools. Matches
 * become alerts (with the rule's author), related alerts group into incidents (opening new ones, whose log
 * records the moment of awareness), and everything is written through the incident service.
 */
import { randomUUID } from 'node:crypto';
import { compileRules, eventTime, readRuleSources, type DeclaredSource, type Engine, type LoadProblem, type Match } from '../detect/index.js';
import { INCIDENT_STATES, type IncidentSummary } from '../incident/index.js';
import { alertKeys as groupKeys, attackOf, boundedEvent, groupAlerts, reportedHost, severityForLevel, levelRank, type Alert, type GroupTarget, type GroupingPolicy } from '../intake/index.js';
import type { Store } from '../store/types.js';
import type { EstateService } from './estate.service.js';
import type { IncidentService } from './incident.service.js';

export const DETECT_ACTOR = 'system:detect';
const OPEN_STATES = INCIDENT_STATES.filter((s) => s !== 'closed');

export interface IngestResult {
  events: number;
  matches: number;
  alerts: number;
  /** Alerts below the level that opens incidents, related to no open incident: counted, not stored. */
  unassigned: number;
  incidents: { id: string; opened: boolean; alerts: number }[];
}

interface Located {
  entity: string;
  segment: string;
}

/** What grouping remembers of an incident's alerts, refreshed from its log by seq. */
interface Known {
  lastSeq: number;
  target: GroupTarget;
}

export class DetectionService {
  private engine: Engine | undefined;
  private problems: LoadProblem[] = [];
  private readonly known = new Map<string, Known>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly now: () => Date,
    private readonly options: { rulePaths: string[]; grouping: GroupingPolicy },
  ) {}

  /** Loads and compiles the rules; problems are kept for the status view, the other rules still load. */
  async load(): Promise<void> {
    const sources = await readRuleSources(this.options.rulePaths);
    const { engine, problems } = compileRules(sources);
    this.engine = engine;
    this.problems = problems;
  }

  private async compiled(): Promise<Engine> {
    if (this.engine === undefined) await this.load();
    if (this.engine === undefined) throw new Error('the rule set did not load');
    return this.engine;
  }

  status() {
    return { rulePaths: this.options.rulePaths, stats: this.engine?.stats() ?? null, problems: this.problems.slice(0, 200), problemCount: this.problems.length };
  }

  /** Evaluates events and records what they raise. Serialised, so grouping sees every earlier batch. */
  ingestEvents(events: readonly unknown[], declared?: DeclaredSource): Promise<IngestResult> {
    return this.serialised(async () => {
      const engine = await this.compiled();
      const receivedAt = this.now().toISOString();
      const locate = await this.locator();
      const alerts: Alert[] = [];
      let matches = 0;
      for (const event of events) {
        for (const match of engine.evaluate(event, declared)) {
          matches += 1;
          alerts.push(alertFromMatch(match, receivedAt, locate));
        }
      }
      return { events: events.length, matches, ...(await this.record(alerts)) };
    });
  }

  /**
   * Sweeps uploaded events with the loaded rules without recording anything (the UI's hunt page). At most
   * `max` matches are returned with their events; the counts cover all of them.
   */
  async hunt(events: readonly unknown[], max: number): Promise<{ events: number; matches: Alert[]; total: number; byRule: { id: string; title: string; level: string; author: string; count: number }[] }> {
    const engine = await this.compiled();
    const receivedAt = this.now().toISOString();
    const locate = await this.locator();
    const matches: Alert[] = [];
    const byRule = new Map<string, { id: string; title: string; level: string; author: string; count: number }>();
    let total = 0;
    for (const event of events) {
      for (const match of engine.evaluate(event)) {
        total += 1;
        const entry = byRule.get(match.rule.id) ?? { id: match.rule.id, title: match.rule.title, level: match.rule.level, author: match.rule.author, count: 0 };
        entry.count += 1;
        byRule.set(match.rule.id, entry);
        if (matches.length < max) matches.push(alertFromMatch(match, receivedAt, locate));
      }
    }
    return { events: events.length, matches, total, byRule: [...byRule.values()].sort((a, b) => b.count - a.count) };
  }

  /** Records alerts that other tools raised (webhooks), already in alert form. */
  ingestAlerts(alerts: readonly Alert[]): Promise<IngestResult> {
    return this.serialised(async () => ({ events: alerts.length, matches: alerts.length, ...(await this.record(alerts)) }));
  }

  /** Finds where a reported hostname sits in the estate. */
  async locator(): Promise<(host: string | undefined) => (Located & { host: string }) | undefined> {
    const { doc } = await this.estate.current();
    const hosts = new Map(doc.hosts.map((h) => [h.hostname.toLowerCase(), h]));
    return (name) => {
      const host = name === undefined ? undefined : hosts.get(name);
      return host && { host: host.hostname, entity: host.entity, segment: host.segment };
    };
  }

  private async record(alerts: readonly Alert[]): Promise<Omit<IngestResult, 'events' | 'matches'>> {
    if (alerts.length === 0) return { alerts: 0, unassigned: 0, incidents: [] };
    const open = await this.openTargets();
    const { groups, unassigned } = groupAlerts(alerts, open, this.options.grouping);
    const incidents: IngestResult['incidents'] = [];
    for (const group of groups) {
      const worst = group.alerts.reduce((m, a) => (levelRank(a.rule.level) > levelRank(m) ? a.rule.level : m), group.alerts[0]?.rule.level ?? 'low');
      const drafts = group.alerts.map((a) => ({ type: 'alert.raised', payload: a }));
      let id = group.incidentId;
      if (id === null) id = (await this.incidents.openAsSystem(DETECT_ACTOR, openingFor(group.alerts, worst))).id;
      await this.incidents.recordAsSystem(DETECT_ACTOR, id, drafts, severityForLevel(worst));
      incidents.push({ id, opened: group.incidentId === null, alerts: group.alerts.length });
    }
    return { alerts: alerts.length - unassigned.length, unassigned: unassigned.length, incidents };
  }

  /** Open incidents with what their alerts relate to, read incrementally from their logs. */
  private async openTargets(): Promise<GroupTarget[]> {
    const page = await this.store.incidents.list({ state: [...OPEN_STATES], limit: 1000, offset: 0 });
    const targets: GroupTarget[] = [];
    for (const summary of page.items) targets.push(await this.refresh(summary));
    return targets.filter((t) => t.keys.size > 0);
  }

  private async refresh(summary: IncidentSummary): Promise<GroupTarget> {
    const known = this.known.get(summary.id) ?? { lastSeq: 0, target: { incidentId: summary.id, lastAlertAt: 0, keys: new Set<string>(), alerts: [] } };
    if (known.lastSeq < summary.lastSeq) {
      for (const event of await this.store.incidents.events(summary.id, known.lastSeq)) {
        if (event.type !== 'alert.raised') continue;
        const alert = event.payload as Alert;
        known.target.lastAlertAt = Math.max(known.target.lastAlertAt, Date.parse(alert.at));
        for (const key of groupKeys(alert, this.options.grouping)) known.target.keys.add(key);
      }
      known.lastSeq = summary.lastSeq;
      this.known.set(summary.id, known);
    }
    return known.target;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** An alert from a Sigma match, located in the estate. */
export function alertFromMatch(match: Match, receivedAt: string, locate: (host: string | undefined) => (Located & { host: string }) | undefined): Alert {
  const reported = reportedHost(match.record);
  const where = locate(reported);
  const time = eventTime(match.record);
  const { event, truncated } = boundedEvent(match.event);
  const { techniques, tactics } = attackOf(match.rule.tags);
  return {
    id: randomUUID(),
    at: time === undefined ? receivedAt : new Date(time).toISOString(),
    receivedAt,
    source: 'sigma',
    rule: { id: match.rule.id, title: match.rule.title, level: match.rule.level, author: match.rule.author, tags: [...match.rule.tags], references: [...match.rule.references].slice(0, 50) },
    techniques,
    tactics,
    hostReported: reported ?? null,
    host: where?.host ?? null,
    entity: where?.entity ?? null,
    segment: where?.segment ?? null,
    event,
    truncated,
  };
}

/** The incident a new group of alerts opens: titled after its worst alert, aware from when it arrived. */
function openingFor(alerts: readonly Alert[], worst: Alert['rule']['level']) {
  const first = alerts.find((a) => a.rule.level === worst) ?? alerts[0];
  const hosts = [...new Set([first, ...alerts].map((a) => a?.host ?? a?.hostReported ?? null).filter((h): h is string => h !== null))];
  const where = hosts.length === 0 ? '' : ` on ${hosts[0]}${hosts.length > 1 ? ` and ${hosts.length - 1} more host${hosts.length > 2 ? 's' : ''}` : ''}`;
  const entities = [...new Set(alerts.map((a) => a.entity).filter((e): e is string => e !== null))];
  return {
    title: `${first?.rule.title ?? 'Alert'}${where}`.slice(0, 300),
    severity: severityForLevel(worst),
    summary: `Opened by detection from ${alerts.length} alert${alerts.length === 1 ? '' : 's'}.`,
    awarenessAt: alerts.reduce((min, a) => (a.receivedAt < min ? a.receivedAt : min), alerts[0]?.receivedAt ?? new Date().toISOString()),
    entities,
  };
}
