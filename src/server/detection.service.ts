/**
 * Detection in the server: the compiled rule set with its correlations, the indicator sets, and intake of
 * events and of alerts from other tools. Matches, correlations and indicator hits become alerts (with the
 * rule's or indicator's author), related alerts group into incidents (opening new ones, whose log records the
 * moment of awareness), and everything is written through the incident service.
 *
 * Correlation state at intake lives in this process (one Detector, on the events' own clock): at most
 * INTAKE_CORRELATION.maxGroups groups per correlation and maxEntries matches per group (raised to what a
 * condition's count needs), the oldest dropped first. It is lost on restart and on reloading the rules, and
 * with several nodes each correlates the events it received.
 */
import { compileRules, Detector, readRuleSources, type DeclaredSource, type Engine, type LoadProblem } from '../detect/index.js';
import { INCIDENT_STATES, type AppendInput, type IncidentSummary } from '../incident/index.js';
import { alertKeys as groupKeys, groupAlerts, severityForLevel, levelRank, type Alert, type GroupTarget, type GroupingPolicy, type Locate } from '../intake/index.js';
import type { Store } from '../store/types.js';
import { flushDetector, runEvent, type Found, type IndicatorSource, type RuleSummary, type RunContext } from './detection-run.js';
import type { EstateService } from './estate.service.js';
import type { IncidentService } from './incident.service.js';
import { IndicatorService } from './indicator.service.js';

export const DETECT_ACTOR = 'system:detect';
const OPEN_STATES = INCIDENT_STATES.filter((s) => s !== 'closed');

/** Bounds of the intake correlation state (per correlation rule), see above. */
export const INTAKE_CORRELATION = { maxGroups: 1_000, maxEntries: 100 } as const;

export interface IngestResult {
  events: number;
  matches: number;
  correlations: number;
  indicators: number;
  alerts: number;
  /** Alerts below the level that opens incidents, related to no open incident: counted, not stored. */
  unassigned: number;
  incidents: { id: string; opened: boolean; alerts: number }[];
}

export interface HuntResult {
  events: number;
  matches: Alert[];
  total: number;
  byRule: (RuleSummary & { count: number })[];
}

/** What grouping remembers of an incident's alerts, refreshed from its log by seq. */
interface Known {
  lastSeq: number;
  target: GroupTarget;
}

export class DetectionService {
  private engine: Engine | undefined;
  private detector: Detector | undefined;
  private problems: LoadProblem[] = [];
  private readonly known = new Map<string, Known>();
  /** Each incident's hosts in scope with their state (so an alert marks a host suspected once, or again once cleared). */
  private readonly scoped = new Map<string, Map<string, string>>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly indicators: IndicatorService;

  constructor(
    private readonly store: Store,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly now: () => Date,
    private readonly options: { rulePaths: string[]; grouping: GroupingPolicy; iocPaths?: readonly string[] },
  ) {
    this.indicators = new IndicatorService(store, now, options.iocPaths ?? []);
  }

  /**
   * Loads and compiles the rules (problems are kept for the status view, the other rules still load) and the
   * configured indicator files (a path that does not exist stops the start).
   */
  async load(): Promise<void> {
    const sources = await readRuleSources(this.options.rulePaths);
    const { engine, problems } = compileRules(sources);
    await this.indicators.loadConfigured();
    this.engine = engine;
    this.detector = new Detector(engine, INTAKE_CORRELATION);
    this.problems = problems;
  }

  private async compiled(): Promise<{ engine: Engine; detector: Detector }> {
    if (this.engine === undefined || this.detector === undefined) await this.load();
    if (this.engine === undefined || this.detector === undefined) throw new Error('the rule set did not load');
    return { engine: this.engine, detector: this.detector };
  }

  /** The rule set and the indicator sets as last loaded (call `indicators.current()` first for the newest). */
  status() {
    return {
      rulePaths: this.options.rulePaths,
      stats: this.engine?.stats() ?? null,
      problems: this.problems.slice(0, 200),
      problemCount: this.problems.length,
      indicators: this.indicators.status(),
      correlationBounds: INTAKE_CORRELATION,
    };
  }

  private async context(extra: readonly IndicatorSource[] = []): Promise<RunContext> {
    const now = this.now();
    return { receivedAt: now.toISOString(), now: now.getTime(), locate: await this.locator(), indicators: [await this.indicators.current(), ...extra] };
  }

  /** Evaluates events and records what they raise. Serialised, so grouping sees every earlier batch. */
  ingestEvents(events: readonly unknown[], declared?: DeclaredSource): Promise<IngestResult> {
    return this.serialised(async () => {
      const { detector } = await this.compiled();
      const ctx = await this.context();
      const alerts: Alert[] = [];
      const counts = { match: 0, correlation: 0, indicator: 0 };
      const emit = (found: Found) => {
        counts[found.kind] += 1;
        alerts.push(found.build());
      };
      for (const event of events) runEvent(detector, event, declared, ctx, emit);
      const matches = counts.match + counts.correlation + counts.indicator;
      return { events: events.length, matches, correlations: counts.correlation, indicators: counts.indicator, ...(await this.record(alerts)) };
    });
  }

  /**
   * Sweeps uploaded events with the loaded rules, their correlations and the indicator sets (plus `extra`
   * indicators) without recording anything (the UI's hunt page). At most `max` alerts are returned; the
   * counts cover all of them.
   */
  async hunt(events: readonly unknown[], max: number, extra: readonly IndicatorSource[] = []): Promise<HuntResult> {
    const { engine } = await this.compiled();
    const detector = new Detector(engine);
    const ctx = await this.context(extra);
    const matches: Alert[] = [];
    const byRule = new Map<string, RuleSummary & { count: number }>();
    let total = 0;
    const emit = (found: Found) => {
      total += 1;
      const entry = byRule.get(found.rule.id) ?? { ...found.rule, count: 0 };
      entry.count += 1;
      byRule.set(found.rule.id, entry);
      if (matches.length < max) matches.push(found.build());
    };
    for (const event of events) runEvent(detector, event, undefined, ctx, emit);
    flushDetector(detector, ctx, emit);
    return { events: events.length, matches, total, byRule: [...byRule.values()].sort((a, b) => b.count - a.count) };
  }

  /** Records alerts that other tools raised (webhooks), already in alert form. */
  ingestAlerts(alerts: readonly Alert[]): Promise<IngestResult> {
    return this.serialised(async () => ({ events: alerts.length, matches: alerts.length, correlations: 0, indicators: 0, ...(await this.record(alerts)) }));
  }

  /** Finds where a reported hostname sits in the estate. */
  async locator(): Promise<Locate> {
    const { doc } = await this.estate.current();
    const hosts = new Map(doc.hosts.map((h) => [h.hostname.toLowerCase(), h]));
    return (name) => {
      const host = name === undefined ? undefined : hosts.get(name);
      return host && { host: host.hostname, entity: host.entity, segment: host.segment };
    };
  }

  private async record(alerts: readonly Alert[]): Promise<Pick<IngestResult, 'alerts' | 'unassigned' | 'incidents'>> {
    if (alerts.length === 0) return { alerts: 0, unassigned: 0, incidents: [] };
    const open = await this.openTargets();
    const { groups, unassigned } = groupAlerts(alerts, open, this.options.grouping);
    const incidents: IngestResult['incidents'] = [];
    for (const group of groups) {
      const worst = group.alerts.reduce((m, a) => (levelRank(a.rule.level) > levelRank(m) ? a.rule.level : m), group.alerts[0]?.rule.level ?? 'low');
      const drafts = group.alerts.map((a) => ({ type: 'alert.raised', payload: a }));
      let id = group.incidentId;
      if (id === null) id = (await this.incidents.openAsSystem(DETECT_ACTOR, openingFor(group.alerts, worst))).id;
      await this.incidents.recordAsSystem(DETECT_ACTOR, id, drafts, severityForLevel(worst), this.suspectHosts(id, group.alerts));
      incidents.push({ id, opened: group.incidentId === null, alerts: group.alerts.length });
    }
    return { alerts: alerts.length - unassigned.length, unassigned: unassigned.length, incidents };
  }

  /**
   * A host an alert comes from becomes `suspected` in the incident's scope (once), with the alert as evidence:
   * the planner proposes containment from the scope, and people confirm or clear it.
   */
  private suspectHosts(incidentId: string, alerts: readonly Alert[]): AppendInput[] {
    const scoped = this.scoped.get(incidentId) ?? new Map<string, string>();
    this.scoped.set(incidentId, scoped);
    const entries: AppendInput[] = [];
    for (const alert of alerts) {
      const state = alert.host ? scoped.get(alert.host) : undefined;
      if (!alert.host || (state !== undefined && state !== 'cleared')) continue;
      scoped.set(alert.host, 'suspected');
      const evidence = `alert ${alert.rule.title} (${alert.rule.id}, ${alert.rule.level}) at ${alert.at}`;
      entries.push({ type: 'scope.changed', payload: { kind: 'host', ref: alert.host, state: 'suspected', evidence, ...(alert.entity ? { entity: alert.entity } : {}) } });
    }
    return entries;
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
      const scoped = this.scoped.get(summary.id) ?? new Map<string, string>();
      this.scoped.set(summary.id, scoped);
      for (const event of await this.store.incidents.events(summary.id, known.lastSeq)) {
        const payload = event.payload as { kind?: unknown; ref?: unknown; state?: unknown };
        if (event.type === 'scope.changed' && payload.kind === 'host' && typeof payload.ref === 'string' && typeof payload.state === 'string') scoped.set(payload.ref, payload.state);
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
