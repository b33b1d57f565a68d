/**
 * Scope confirmation in the server: sweep plans (proposed as plans of kind `sweep`, approved and run like any
 * plan), sweep results turned into scope changes as the executor reports them (`scope.changed` per host and
 * `sweep.results`, in batches), clearance per region and entity, and the declaration that a region (or one of
 * its entities) is out of scope, which asks to roll back its precautionary shutdown.
 */
import type { Bus, Unsubscribe } from '../bus/index.js';
import type { DurableExecutor, ActionsMessage } from '../executor/index.js';
import { decodeEvent, projectScope, type IncidentEvent } from '../incident/index.js';
import {
  countPlans,
  declaredRegions,
  entitiesOfRegion,
  entityClearances,
  indicatorsFromAlerts,
  mayDeclare,
  mergeIndicators,
  planIdFor,
  planSweep,
  projectPlans,
  regionClearance,
  regionDeclaration,
  registerPlanEventTypes,
  registerRecoveryEventTypes,
  scopeChangesFromSweep,
  sweepIndicatorsSchema,
  sweepResultsFromActions,
  sweepResultsFromEvents,
  sweepResultsPayloads,
  recordedSweepKeys,
  type ActionRecord,
  type PlanRecord,
  type RegionClearance,
  type SweepTarget,
} from '../respond/index.js';
import type { ClearRegionInput, SweepRequest } from '../contracts/recovery.js';
import { UserError } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';
import type { IncidentService } from './incident.service.js';
import { appendEntries, type LogEntry } from './recovery.service.js';

/** What this service needs of the containment plan service (rolling back a shutdown, showing a plan, the policy). */
export interface PlanAccess {
  rollback(principal: Principal, incidentId: string, planId: string, input: { reason?: string; actionIds?: string[] }): Promise<unknown>;
  show(principal: Principal, incidentId: string, planId: string, withRecords?: boolean): Promise<unknown>;
  policy(): { source: { name: string; version: string } };
}

/** Sweep results recorded per append at most (a 10,000-host sweep is recorded in ten appends). */
const RESULTS_PER_APPEND = 1000;
const FINAL_STATES = new Set(['verified', 'failed', 'rolled_back']);
const SHUTDOWN_KINDS = new Set(['shutdown_region', 'shutdown_entity']);
// A shutdown whose gateway cuts failed still isolated its hosts: it is rolled back too.
const ROLLBACK_STATUSES = new Set(['running', 'completed', 'failed']);

export class ScopeService {
  private unsubscribe: Unsubscribe | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly ingesting = new Map<string, Promise<void>>();
  /** Per incident, the sweep plans already taken in whole (see `settle`). */
  private readonly settled = new Map<string, Set<string>>();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly executor: DurableExecutor,
    private readonly plans: () => PlanAccess | undefined,
    private readonly now: () => Date,
  ) {
    registerPlanEventTypes();
    registerRecoveryEventTypes();
  }

  /** Ingests sweep results shortly after the executor reports finished sweeps (any node may: recording is idempotent). */
  start(): void {
    this.unsubscribe ??= this.bus.subscribe('plan.*.actions', (message) => {
      const actions = (message as Partial<ActionsMessage> | null)?.actions ?? [];
      const done = actions.find((a) => a.operation === 'sweep' && (a.state === 'verified' || a.state === 'failed'));
      if (done) this.schedule(done.incidentId);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Proposes a sweep plan (`plan.proposed`, kind `sweep`); it is approved and run like any plan. */
  async sweep(principal: Principal, incidentId: string, body: SweepRequest) {
    const summary = await this.incidents.require(principal, incidentId);
    if (summary.state === 'closed') throw new UserError('conflict', `${incidentId} is closed`, [], { hint: 'reopen the incident before sweeping' });
    const target: SweepTarget = body.entity !== undefined ? { entity: body.entity } : body.region !== undefined ? { region: body.region } : { hosts: body.hosts ?? [] };
    const [{ doc }, events] = await Promise.all([this.estate.current(), this.store.incidents.events(incidentId)]);
    const given = body.indicators ?? sweepIndicatorsSchema.parse({});
    const indicators = body.fromAlerts ? mergeIndicators(given, indicatorsFromAlerts(events)) : mergeIndicators(given);
    const plan = planSweep(doc, target, indicators, { ...(body.paths ? { paths: body.paths } : {}), ...(body.maxFiles ? { maxFiles: body.maxFiles } : {}) });
    const outside = plan.entities.filter((e) => !inScope(principal, e));
    if (outside.length > 0) throw new UserError('forbidden', `the sweep concerns ${outside.join(', ')}, outside your entities`);
    const access = this.requirePlans();
    let planId = '';
    await appendEntries(this.store, this.bus, incidentId, `user:${principal.username}`, this.now, (_summary, log) => {
      planId = planIdFor(countPlans(log) + 1);
      const { name, version } = access.policy().source;
      return [{ draft: { type: 'plan.proposed', payload: { planId, plan, requestedBy: principal.username, policy: { name, version } } } }];
    });
    return { planId, indicators: { sha256: indicators.sha256.length, processNames: indicators.processNames.length, remote: indicators.remote.length }, plan: await access.show(principal, incidentId, planId, false) };
  }

  /** Clearance per region and entity (after ingesting any new sweep results), with the declarations made. */
  async clearance(principal: Principal, incidentId: string) {
    await this.incidents.require(principal, incidentId);
    await this.ingest(incidentId);
    const [{ doc }, events] = await Promise.all([this.estate.current(), this.store.incidents.events(incidentId)]);
    const regions = regionClearance(doc, projectScope(events.map(decodeEvent)), sweepResultsFromEvents(events));
    const declared = declaredRegions(events).map((d) => ({ at: d.at, ...d.payload }));
    if (principal.entities === '*') return { regions, declared, scoped: false };
    const visible = regions.map((r) => trimRegion(r, principal)).filter((r): r is RegionClearance => r !== undefined);
    return { regions: visible, declared: declared.filter((d) => d.entities.some((e) => inScope(principal, e))), scoped: true };
  }

  /** Declares a region (or one entity of it) out of scope; refused (409) unless every host is swept clean or excepted. */
  async declare(principal: Principal, incidentId: string, region: string, input: ClearRegionInput) {
    await this.incidents.require(principal, incidentId);
    await this.ingest(incidentId);
    const { doc } = await this.estate.current();
    if (!doc.regions.some((r) => r.id === region)) throw new UserError('not_found', `no region "${region}" in the estate`, [], { hint: `use one of: ${doc.regions.map((r) => r.id).join(', ')}` });
    const all = entitiesOfRegion(doc, region);
    if (input.entity !== undefined && !all.includes(input.entity)) throw new UserError('validation_failed', `${input.entity} is not an entity of region ${region}`, [{ field: 'body.entity', message: 'not in this region', hint: `use one of: ${all.join(', ')}` }]);
    const entities = input.entity !== undefined ? [input.entity] : all;
    if (!mayDeclare({ username: principal.username, role: principal.role, entities: principal.entities }, entities)) {
      throw new UserError('forbidden', `declaring ${input.entity ?? `region ${region}`} out of scope needs a lead of ${entities.join(', ')}, a commander or an admin`);
    }
    const unknown = input.exceptions.filter((e) => !doc.hosts.some((h) => h.hostname === e.host && entities.includes(h.entity)));
    if (unknown.length > 0) throw new UserError('validation_failed', `exceptions name hosts outside ${input.entity ?? region}: ${unknown.map((e) => e.host).join(', ')}`, unknown.map((e) => ({ field: 'body.exceptions', message: `no host "${e.host}" in ${input.entity ?? region}` })));
    let declared: ReturnType<typeof regionDeclaration> | undefined;
    let log: IncidentEvent[] = [];
    await appendEntries(this.store, this.bus, incidentId, `user:${principal.username}`, this.now, (_summary, current) => {
      log = current;
      const results = sweepResultsFromEvents(current);
      const clearance = regionClearance(doc, projectScope(current.map(decodeEvent)), results, input.exceptions).find((r) => r.region === region)!;
      const sweeps = [...new Set(results.filter((r) => entities.includes(r.entity)).map((r) => r.planId))].sort();
      declared = regionDeclaration(clearance, { by: principal.username, exceptions: input.exceptions, sweeps, ...(input.note ? { note: input.note } : {}), ...(input.entity ? { entity: input.entity } : {}) });
      return [...entityClearances(declared).map((builtIn): LogEntry => ({ builtIn })), { draft: { type: 'scope.region_cleared', payload: declared } }];
    });
    const shutdown = input.endShutdown ? await this.endShutdown(principal, incidentId, region, entities, log) : [];
    return { declaration: declared, shutdown };
  }

  /** Records new sweep results of the incident (scope changes and `sweep.results`), in appends of at most 1,000 hosts. */
  ingest(incidentId: string): Promise<void> {
    const running = this.ingesting.get(incidentId);
    if (running) return running;
    const task = this.ingestOnce(incidentId).finally(() => this.ingesting.delete(incidentId));
    this.ingesting.set(incidentId, task);
    return task;
  }

  private async ingestOnce(incidentId: string): Promise<void> {
    const settled = this.settled.get(incidentId) ?? new Set<string>();
    const records = await this.executor.listForIncident(incidentId, { operations: ['sweep'], direction: 'forward', exceptPlans: [...settled] });
    const results = sweepResultsFromActions(records);
    if (results.length === 0) return;
    const known = recordedSweepKeys(await this.store.incidents.events(incidentId));
    this.settle(incidentId, settled, records, known);
    const fresh = results.filter((r) => !known.has(`${r.planId}/${r.actionId}`));
    for (let i = 0; i < fresh.length; i += RESULTS_PER_APPEND) {
      const batch = fresh.slice(i, i + RESULTS_PER_APPEND);
      await appendEntries(this.store, this.bus, incidentId, 'system:sweep', this.now, (summary, log) => {
        // A closed incident accepts only notes and reopening: its late sweep results wait until it is reopened.
        if (summary.state === 'closed') return [];
        const recorded = recordedSweepKeys(log);
        const todo = batch.filter((r) => !recorded.has(`${r.planId}/${r.actionId}`));
        if (todo.length === 0) return [];
        const changes = scopeChangesFromSweep(todo, projectScope(log.map(decodeEvent)));
        return [...changes.map((c): LogEntry => ({ builtIn: c })), ...sweepResultsPayloads(todo).map((payload): LogEntry => ({ draft: { type: 'sweep.results', payload } }))];
      });
    }
  }

  /**
   * Remembers the sweep plans whose every action is final and recorded in the log, so that later ingests do not
   * read them again (a sweep of a whole region is thousands of rows, and results arrive in many batches).
   */
  private settle(incidentId: string, settled: Set<string>, records: readonly ActionRecord[], known: ReadonlySet<string>): void {
    const open = new Set<string>();
    for (const r of records) if (!FINAL_STATES.has(r.state) || !known.has(`${r.planId}/${r.actionId}`)) open.add(r.planId);
    for (const r of records) if (!open.has(r.planId)) settled.add(r.planId);
    this.settled.set(incidentId, settled);
  }

  private schedule(incidentId: string): void {
    if (this.pending.has(incidentId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(incidentId);
      void this.ingest(incidentId).catch(() => undefined);
    }, 250);
    timer.unref();
    this.pending.set(incidentId, timer);
  }

  /** Asks to roll back the running shutdown plans of the declared entities (the region's actions of them only). */
  private async endShutdown(principal: Principal, incidentId: string, region: string, entities: readonly string[], log: readonly IncidentEvent[]) {
    const access = this.plans();
    const declared = new Set(entities);
    const out: { planId: string; kind: string; outcome: 'rollback_requested' | 'refused'; actions: number; reason?: string }[] = [];
    for (const record of projectPlans(log).filter((p) => SHUTDOWN_KINDS.has(p.plan.kind) && ROLLBACK_STATUSES.has(p.status))) {
      const actionIds = record.plan.actions.filter((a) => declared.has(a.target.entity)).map((a) => a.id);
      if (actionIds.length === 0 || !touchesRegion(record, region, entities)) continue;
      const whole = actionIds.length === record.plan.actions.length;
      const reason = `${entities.length === 1 ? entities[0] : `region ${region}`} declared out of scope by ${principal.username}`;
      try {
        if (!access) throw new UserError('conflict', 'the plan service is not available on this server');
        await access.rollback(principal, incidentId, record.planId, { reason, ...(whole ? {} : { actionIds }) });
        out.push({ planId: record.planId, kind: record.plan.kind, outcome: 'rollback_requested', actions: actionIds.length });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        out.push({ planId: record.planId, kind: record.plan.kind, outcome: 'refused', actions: actionIds.length, reason: error.message });
      }
    }
    return out;
  }

  private requirePlans(): PlanAccess {
    const access = this.plans();
    if (!access) throw new UserError('conflict', 'plans are not available on this server', [], { hint: 'start the server with the plan service' });
    return access;
  }
}

function touchesRegion(record: PlanRecord, region: string, entities: readonly string[]): boolean {
  return record.plan.regions.includes(region) || record.plan.entities.some((e) => entities.includes(e));
}

/** A region as an entity-scoped user sees it: only their entities, counts summed over them. */
function trimRegion(region: RegionClearance, principal: Principal): RegionClearance | undefined {
  const entities = region.entities.filter((e) => inScope(principal, e.entity));
  if (entities.length === 0) return undefined;
  const sum = (key: 'hosts' | 'sweptClean' | 'inScope' | 'findings' | 'suspected' | 'excepted' | 'sweepFailed' | 'notSwept') => entities.reduce((n, e) => n + e[key], 0);
  return {
    ...region,
    hosts: sum('hosts'), sweptClean: sum('sweptClean'), inScope: sum('inScope'), findings: sum('findings'), suspected: sum('suspected'), excepted: sum('excepted'), sweepFailed: sum('sweepFailed'), notSwept: sum('notSwept'),
    entities,
    blockers: region.canDeclare ? [] : [...new Set(entities.flatMap((e) => e.blockers)), ...(entities.length < region.entities.length ? ['other entities of the region are outside your scope'] : [])],
    outstanding: region.outstanding.filter((s) => inScope(principal, s.entity)),
  };
}
