/**
 * Recovery in the server: plans per entity or region (recorded whole as `recovery.planned`), gates recorded by
 * people, steps run through the executor (`<incident>-R-0001-s<n>`) once their gates pass and the steps they
 * depend on are done, step outcomes recorded from the executor's `plan.finished`, and the business backlog.
 * Every decision is checked inside the incident log's append transaction, so two nodes cannot both start a step.
 */
import { randomUUID } from 'node:crypto';
import type { Bus, Unsubscribe } from '../bus/index.js';
import type { DurableExecutor } from '../executor/index.js';
import { appendToIncident, decodeEvent, projectScope, recordEvents, type AppendInput, type EventDraft, type IncidentEvent, type IncidentSummary } from '../incident/index.js';
import {
  aggregateBacklog,
  computeBacklog,
  executorPlanId,
  mayDeclare,
  planRecovery,
  projectPlans,
  projectRecoveries,
  registerRecoveryEventTypes,
  stepPlanId,
  type ActionRecord,
  type RecoveryView,
  type ReversalLookup,
  type RestoredBy,
} from '../respond/index.js';
import type { BacklogQuery, PlanRecoveryInput, RecordGateInput } from '../contracts/recovery.js';
import { UserError } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';
import { BOARD_SUBJECT, incidentSubject, type IncidentService } from './incident.service.js';

/** One entry of an append: a built-in entry (scope changes) or an event of a registered type. */
export type LogEntry = { builtIn: AppendInput } | { draft: EventDraft };

const FAILURES_LISTED = 50;
const actorOf = (principal: Principal) => `user:${principal.username}`;

/**
 * Appends entries under the incident's lock with its log in hand (`build` decides from it), then publishes like
 * every incident change. Returns the appended events (none when `build` returns no entries).
 */
export async function appendEntries(store: Store, bus: Bus, incidentId: string, actor: string, now: () => Date, build: (summary: IncidentSummary, log: IncidentEvent[]) => LogEntry[]) {
  const result = await store.incidents.append(incidentId, async ({ summary, readLog }) => {
    const entries = build(summary, await readLog());
    const ctx = { actor, now: now(), newId: randomUUID };
    let current = { events: [] as IncidentEvent[], summary };
    for (const entry of entries) {
      const next = 'builtIn' in entry ? appendToIncident(current.summary, entry.builtIn, ctx) : recordEvents(current.summary, [entry.draft], ctx);
      current = { events: [...current.events, ...next.events], summary: next.summary };
    }
    return current;
  });
  if (result.events.length > 0) {
    await bus.publish(incidentSubject(incidentId), result);
    await bus.publish(BOARD_SUBJECT, result.summary);
  }
  return result;
}

/** Recovery and backlog read containment only: sweeps, triage and pings change nothing on a host's reachability. */
const CONTAINMENT_RECORDS = { exceptOperations: ['sweep', 'triage', 'ping'] };

export class RecoveryService {
  private unsubscribe: Unsubscribe | undefined;
  private readonly syncing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly executor: DurableExecutor,
    private readonly now: () => Date,
  ) {
    registerRecoveryEventTypes();
  }

  /** Records step outcomes as soon as the executor reports a step's plan finished (on any node: recording is idempotent). */
  start(): void {
    this.unsubscribe ??= this.bus.subscribe('incident.*.events', (message, subject) => {
      const events = (message as { events?: IncidentEvent[] } | null)?.events ?? [];
      if (events.some((e) => e.type === 'plan.finished' && /-R-\d+-s\d+(-r\d+)?$/.test(String((e.payload as { planId?: unknown }).planId)))) {
        void this.sync(subject.split('.')[1] ?? '').catch(() => undefined);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  async plan(principal: Principal, incidentId: string, input: PlanRecoveryInput): Promise<RecoveryView> {
    const summary = await this.incidents.require(principal, incidentId);
    if (summary.state === 'closed') throw new UserError('conflict', `${incidentId} is closed`, [], { hint: 'reopen the incident before planning a recovery' });
    const target = input.entity !== undefined ? { kind: 'entity' as const, ref: input.entity } : { kind: 'region' as const, ref: input.region ?? '' };
    const { doc } = await this.estate.current();
    const entities = target.kind === 'entity' ? [target.ref] : doc.entities.filter((e) => e.region === target.ref).map((e) => e.id);
    const outside = entities.filter((e) => !inScope(principal, e));
    if (outside.length > 0) throw new UserError('forbidden', `the recovery of ${target.kind} ${target.ref} concerns ${outside.join(', ')}, outside your entities`);
    const records = await this.executor.listForIncident(incidentId, CONTAINMENT_RECORDS);
    let recoveryId = '';
    await appendEntries(this.store, this.bus, incidentId, actorOf(principal), this.now, (_summary, log) => {
      recoveryId = `R-${String(log.filter((e) => e.type === 'recovery.planned').length + 1).padStart(4, '0')}`;
      const scope = projectScope(log.map(decodeEvent));
      const plan = planRecovery(doc, scope, { recoveryId, target, ...(input.approver ? { approver: input.approver } : {}) }, records, reversalsOf(incidentId, log));
      return [{ draft: { type: 'recovery.planned', payload: plan } }];
    });
    return this.show(principal, incidentId, recoveryId);
  }

  async list(principal: Principal, incidentId: string) {
    await this.incidents.require(principal, incidentId);
    await this.sync(incidentId);
    const views = projectRecoveries(await this.store.incidents.events(incidentId));
    return { items: views.filter((v) => v.plan.entities.some((e) => inScope(principal, e))) };
  }

  async show(principal: Principal, incidentId: string, recoveryId: string): Promise<RecoveryView> {
    await this.incidents.require(principal, incidentId);
    return this.find(principal, projectRecoveries(await this.store.incidents.events(incidentId)), recoveryId);
  }

  /** Records a gate (credentials reset, backup verified, approval); the caller attests it. */
  async recordGate(principal: Principal, incidentId: string, recoveryId: string, input: RecordGateInput): Promise<RecoveryView> {
    await this.incidents.require(principal, incidentId);
    await appendEntries(this.store, this.bus, incidentId, actorOf(principal), this.now, (_summary, log) => {
      const view = this.find(principal, projectRecoveries(log), recoveryId);
      const step = view.steps.find((s) => s.n === input.step);
      if (!step) throw new UserError('not_found', `${recoveryId} has no step ${input.step}`, [{ field: 'body.step', message: 'unknown step', hint: `steps are 1 to ${view.steps.length}` }]);
      if (step.status === 'completed') throw new UserError('conflict', `step ${step.n} of ${recoveryId} is already completed`);
      const outside = step.entities.filter((e) => !inScope(principal, e));
      if (outside.length > 0) throw new UserError('forbidden', `step ${step.n} concerns ${outside.join(', ')}, outside your entities`);
      const subject = gateSubject(step, input);
      if (input.gate === 'approval') checkApprover(principal, view, step.entities);
      const payload = { recoveryId, step: step.n, gate: input.gate, by: principal.username, evidence: input.evidence, ...(subject !== undefined && input.gate !== 'approval' ? { subject } : {}) };
      return [{ draft: { type: 'recovery.gate_recorded', payload } }];
    });
    return this.show(principal, incidentId, recoveryId);
  }

  /** Starts a step whose gates pass and whose dependencies are done: its actions go to the executor. */
  async runStep(principal: Principal, incidentId: string, recoveryId: string, n: number): Promise<RecoveryView> {
    await this.incidents.require(principal, incidentId);
    let submission: { planId: string; actions: RecoveryView['steps'][number]['actions'] } | undefined;
    await appendEntries(this.store, this.bus, incidentId, actorOf(principal), this.now, (_summary, log) => {
      const view = this.find(principal, projectRecoveries(log), recoveryId);
      const step = view.steps.find((s) => s.n === n);
      if (!step) throw new UserError('not_found', `${recoveryId} has no step ${n}`, [], { hint: `steps are 1 to ${view.steps.length}` });
      const outside = step.entities.filter((e) => !inScope(principal, e));
      if (outside.length > 0) throw new UserError('forbidden', `step ${n} concerns ${outside.join(', ')}, outside your entities`);
      if (!view.runnable.includes(n)) throw new UserError('conflict', `step ${n} of ${recoveryId} cannot run: ${whyNot(step)}`, [], { status: step.status, gates: step.gateStatus.filter((g) => !g.passed).map((g) => `${g.gate}${g.subject ? ` (${g.subject})` : ''}: ${g.detail}`), waitingFor: step.waitingFor });
      const planId = executorPlanId(incidentId, stepPlanId(recoveryId, n, step.runs.length + 1));
      const started: LogEntry = { draft: { type: 'recovery.step_started', payload: { recoveryId, step: n, planId, actions: step.actions.length, by: principal.username } } };
      if (step.actions.length === 0) return [started, { draft: { type: 'recovery.step_completed', payload: { recoveryId, step: n, planId, verified: 0, applied: 0 } } }];
      submission = { planId, actions: step.actions };
      return [started];
    });
    if (submission) await this.executor.submit({ incidentId, planId: submission.planId, actions: submission.actions, actor: actorOf(principal) });
    return this.show(principal, incidentId, recoveryId);
  }

  /** Records the outcome of step runs whose executor plan finished; resubmits runs the executor never received. */
  sync(incidentId: string): Promise<void> {
    const running = this.syncing.get(incidentId);
    if (running) return running;
    const task = this.syncOnce(incidentId).finally(() => this.syncing.delete(incidentId));
    this.syncing.set(incidentId, task);
    return task;
  }

  private async syncOnce(incidentId: string): Promise<void> {
    const events = await this.store.incidents.events(incidentId);
    const open = projectRecoveries(events).flatMap((v) => v.steps.flatMap((s) => s.runs.filter((r) => r.outcome === 'running').map((r) => ({ view: v, step: s, run: r }))));
    if (open.length === 0) return;
    const finished = new Set(events.filter((e) => e.type === 'plan.finished' && (e.payload as { direction?: string }).direction === 'forward').map((e) => String((e.payload as { planId?: unknown }).planId)));
    const outcomes: EventDraft[] = [];
    for (const { view, step, run } of open) {
      const records = (await this.executor.list(run.planId)).filter((r) => r.direction === 'forward');
      if (records.length === 0) await this.executor.submit({ incidentId, planId: run.planId, actions: step.actions, actor: `user:${run.by}` });
      else if (finished.has(run.planId)) outcomes.push(outcomeDraft(view.plan.recoveryId, step.n, run.planId, records));
    }
    if (outcomes.length === 0) return;
    await appendEntries(this.store, this.bus, incidentId, 'system:recovery', this.now, (_summary, log) => {
      const stillOpen = new Set(projectRecoveries(log).flatMap((v) => v.steps.flatMap((s) => s.runs.filter((r) => r.outcome === 'running').map((r) => r.planId))));
      return outcomes.filter((d) => stillOpen.has((d.payload as { planId: string }).planId)).map((draft) => ({ draft }));
    });
  }

  /** The business backlog, trimmed to the caller's entities. */
  async backlog(principal: Principal, incidentId: string, query: BacklogQuery) {
    await this.incidents.require(principal, incidentId);
    await this.sync(incidentId);
    const [{ doc }, index, records, events] = await Promise.all([this.estate.current(), this.estate.index(), this.executor.listForIncident(incidentId, CONTAINMENT_RECORDS), this.store.incidents.events(incidentId)]);
    const view = computeBacklog(doc, index, records, { now: this.now(), restoredBy: restoredBy(events) }, query);
    if (principal.entities === '*') return { ...view, scoped: false };
    const services = view.services.filter((s) => inScope(principal, s.entity));
    return { ...view, services, ...aggregateBacklog(doc, services, view.grid.length), scoped: true };
  }

  private find(principal: Principal, views: readonly RecoveryView[], recoveryId: string): RecoveryView {
    const view = views.find((v) => v.plan.recoveryId === recoveryId);
    if (!view || !view.plan.entities.some((e) => inScope(principal, e))) throw new UserError('not_found', `no recovery plan ${recoveryId}`, [], { hint: 'list them: GET /api/incidents/:id/recovery' });
    return view;
  }
}

/** Each containment action's reversal as its plan proposed it, by executor plan id and action id. */
function reversalsOf(incidentId: string, log: readonly IncidentEvent[]): ReversalLookup {
  const lookup = new Map<string, { operation: string; args: Record<string, unknown> }>();
  for (const record of projectPlans(log)) {
    for (const action of record.plan.actions) if (action.reversal) lookup.set(`${executorPlanId(incidentId, record.planId)}/${action.id}`, action.reversal);
  }
  return lookup;
}

function gateSubject(step: RecoveryView['steps'][number], input: RecordGateInput): string | undefined {
  const wanted = step.gates.filter((g) => g.gate === input.gate);
  if (wanted.length === 0) {
    throw new UserError('validation_failed', `step ${step.n} has no ${input.gate} gate`, [{ field: 'body.gate', message: `not a gate of step ${step.n}`, hint: `its gates: ${step.gates.map((g) => g.gate).join(', ')}` }]);
  }
  if (input.gate === 'approval') return undefined;
  if (input.subject !== undefined) {
    if (!wanted.some((g) => g.subject === input.subject)) throw new UserError('validation_failed', `step ${step.n} has no ${input.gate} gate for ${input.subject}`, [{ field: 'body.subject', message: 'unknown subject', hint: `use one of: ${wanted.map((g) => g.subject).join(', ')}` }]);
    return input.subject;
  }
  if (wanted.length > 1) throw new UserError('validation_failed', `step ${step.n} has ${wanted.length} ${input.gate} gates: name the subject`, [{ field: 'body.subject', message: 'required', hint: `use one of: ${wanted.map((g) => g.subject).join(', ')}` }]);
  return wanted[0]!.subject;
}

function checkApprover(principal: Principal, view: RecoveryView, entities: readonly string[]): void {
  const named = view.plan.approver;
  if (named !== undefined && named !== principal.username) throw new UserError('forbidden', `${view.plan.recoveryId} names ${named} as its approver`, [], { hint: `ask ${named} to sign off` });
  if (named === undefined && !mayDeclare({ username: principal.username, role: principal.role, entities: principal.entities }, entities)) {
    throw new UserError('forbidden', `signing off a recovery step needs a lead of ${entities.join(', ')}, a commander or an admin`);
  }
}

function whyNot(step: RecoveryView['steps'][number]): string {
  if (step.status === 'running') return 'it is running';
  if (step.status === 'completed') return 'it is completed';
  if (step.waitingFor.length > 0) return `waiting for step${step.waitingFor.length === 1 ? '' : 's'} ${step.waitingFor.join(', ')}`;
  return `gates not passed: ${step.gateStatus.filter((g) => !g.passed).map((g) => g.gate).join(', ')}`;
}

function outcomeDraft(recoveryId: string, step: number, planId: string, records: readonly ActionRecord[]): EventDraft {
  const failed = records.filter((r) => r.state === 'failed');
  if (failed.length === 0) {
    return { type: 'recovery.step_completed', payload: { recoveryId, step, planId, verified: records.filter((r) => r.state === 'verified').length, applied: records.filter((r) => r.state === 'applied').length } };
  }
  const listed = failed.slice(0, FAILURES_LISTED).map((r) => ({ actionId: r.actionId, label: r.label.slice(0, 500), error: (r.error ? `${r.error.code}: ${r.error.message}` : 'failed').slice(0, 2000) }));
  return { type: 'recovery.step_failed', payload: { recoveryId, step, planId, failedTotal: failed.length, failed: listed } };
}

function restoredBy(events: readonly IncidentEvent[]): RestoredBy[] {
  return projectRecoveries(events).flatMap((v) => v.steps.flatMap((s) => {
    const done = s.runs.find((r) => r.outcome === 'completed');
    return done ? s.services.map((service) => ({ service, recoveryId: v.plan.recoveryId, step: s.n, at: done.endedAt ?? done.at })) : [];
  }));
}
