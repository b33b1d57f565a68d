/**
 * Containment plans in the server: suggestions from the incident's scope, plans recorded in the incident log,
 * decisions (approve, reject, break-glass, cancel, rollback) judged by the approval policy inside the log's
 * append transaction (so two approvals at once cannot both start a plan, or neither), and the hand-over to the
 * executor when a plan may run. Every change is published on the bus with the incident's events.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/index.js';
import { decodeEvent, projectScope, recordEvents, type EventDraft, type IncidentEvent, type IncidentSummary } from '../incident/index.js';
import {
  breakGlassProblem,
  buildPlan,
  checkApproval,
  countPlans,
  coversPlan,
  durationMs,
  evaluateApprovals,
  executorPlanId,
  planIdFor,
  planKey,
  projectPlans,
  registerPlanEventTypes,
  suggestPlans,
  whyNotEligible,
  ruleFor,
  type ApprovalContext,
  type ApproverInfo,
  type LoadedPolicy,
  type PlanExecutor,
  type PlanRecord,
  type PlanRequest,
  type ProposedPlan,
} from '../respond/index.js';
import { UserError } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { can, inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';
import { BOARD_SUBJECT, incidentSubject, type IncidentService } from './incident.service.js';
import { countRecords, planDetail, planSummary } from './plan.present.js';

type Context = Pick<ApprovalContext, 'principalsInfo' | 'regionEntities'>;
type Decide = (record: PlanRecord, ctx: ApprovalContext) => EventDraft[];

const ACTIVE = new Set(['awaiting_approval', 'approved', 'running']);

/** Hosts that running or completed plans isolate (shutdowns included), not rolled back. */
function isolatedBy(plans: readonly PlanRecord[]): Set<string> {
  const hosts = new Set<string>();
  for (const record of plans) {
    if (record.status !== 'running' && record.status !== 'completed') continue;
    for (const action of record.plan.actions) if (action.operation === 'isolate' && action.target.kind === 'host') hosts.add(action.target.ref);
  }
  return hosts;
}
const actorOf = (principal: Principal) => `user:${principal.username}`;
const approverOf = (principal: Principal): ApproverInfo => ({ username: principal.username, role: principal.role, entities: principal.entities });

export class PlanService {
  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly executor: PlanExecutor,
    private readonly now: () => Date,
    readonly loaded: LoadedPolicy,
  ) {
    registerPlanEventTypes();
  }

  /** The policy in force, for the API and the CLI. */
  policy() {
    return { source: this.loaded.source, policy: this.loaded.policy };
  }

  /** Proposals for the incident (not recorded), trimmed to plans within the caller's entities. */
  async suggestions(principal: Principal, incidentId: string) {
    const summary = await this.incidents.require(principal, incidentId);
    const events = await this.store.incidents.events(incidentId);
    const plans = projectPlans(events);
    const { suggestions, notes } = suggestPlans(await this.estate.index(), projectScope(events.map(decodeEvent)), { isolated: isolatedBy(plans) });
    const context = await this.context();
    const visible = suggestions.filter((s) => s.plan.entities.every((e) => inScope(principal, e)));
    const existing = (s: { request: PlanRequest }) => {
      const key = planKey(s.request);
      const twin = [...plans].reverse().find((p) => (ACTIVE.has(p.status) || p.status === 'completed') && p.plan.request && planKey(p.plan.request as PlanRequest) === key);
      return twin ? { planId: twin.planId, status: twin.status } : null;
    };
    return {
      suggestions: visible.map((s) => ({ ...s, existing: existing(s), evaluation: this.preview(s.plan, principal, summary, context) })),
      notes: [...notes, ...(visible.length < suggestions.length ? [`${suggestions.length - visible.length} suggestion(s) concern entities outside yours`] : [])],
    };
  }

  /** Records `plan.proposed` for a suggestion or an explicit request; refuses a duplicate of a plan still active. */
  async propose(principal: Principal, incidentId: string, input: { suggestion: string } | PlanRequest) {
    const summary = await this.incidents.require(principal, incidentId);
    if (summary.state === 'closed') throw new UserError('conflict', `${incidentId} is closed`, [], { hint: 'reopen the incident before proposing plans' });
    const { plan, suggestion } = 'suggestion' in input ? await this.fromSuggestion(principal, incidentId, input.suggestion) : { plan: buildPlan(input, await this.estate.index()), suggestion: undefined };
    const outside = plan.entities.filter((e) => !inScope(principal, e));
    if (outside.length > 0) throw new UserError('forbidden', `the plan concerns ${outside.join(', ')}, outside your entities`);
    let planId = '';
    const { events } = await this.append(incidentId, (summaryNow, log) => {
      const key = plan.request ? planKey(plan.request as PlanRequest) : null;
      const twin = key === null ? undefined : projectPlans(log).find((p) => ACTIVE.has(p.status) && p.plan.request && planKey(p.plan.request as PlanRequest) === key);
      if (twin) throw new UserError('conflict', `${twin.planId} already asks for this and is ${twin.status.replace('_', ' ')}`, [], { planId: twin.planId, hint: `approve, reject or cancel ${twin.planId} first` });
      planId = planIdFor(countPlans(log) + 1);
      const payload = { planId, plan, requestedBy: principal.username, policy: { name: this.loaded.source.name, version: this.loaded.source.version }, ...(suggestion ? { suggestion } : {}) };
      return recordEvents(summaryNow, [{ type: 'plan.proposed', payload }], this.commandContext(principal));
    });
    return this.viewAfter(principal, incidentId, planId, events);
  }

  async list(principal: Principal, incidentId: string) {
    const { records, summary } = await this.records(principal, incidentId);
    return { items: records.filter((r) => this.visible(principal, r)).map((r) => planSummary(incidentId, r, summary.entities)) };
  }

  async show(principal: Principal, incidentId: string, planId: string, withRecords = true) {
    const { records, summary } = await this.records(principal, incidentId);
    const record = this.find(principal, records, planId);
    return planDetail(incidentId, record, summary.entities, await this.execution(incidentId, record, withRecords));
  }

  /** Records the caller's approval (it must count); starts the plan when it completes the approvals. */
  async approve(principal: Principal, incidentId: string, planId: string, input: { comment?: string | undefined }) {
    const expiresAt = new Date(this.now().getTime() + durationMs(this.loaded.policy.approvalTtl)).toISOString();
    return this.decide(principal, incidentId, planId, (record, ctx) => {
      this.requireStatus(record, ['awaiting_approval', 'approved']);
      const check = checkApproval(record.plan, this.loaded.policy, ctx, approverOf(principal), expiresAt);
      if (!check.ok) throw new UserError('forbidden', `${principal.username} cannot approve ${planId}: ${check.reason}`, [], { evaluation: record.evaluation?.summary });
      const approval = { planId, role: principal.role, entities: principal.entities, requirement: check.requirement, expiresAt, ...(input.comment ? { comment: input.comment } : {}) };
      const mine = { by: principal.username, at: this.now().toISOString(), role: principal.role, entities: principal.entities, expiresAt };
      const after = evaluateApprovals(record.plan, this.loaded.policy, { ...ctx, approvals: [...ctx.approvals, mine] });
      const start = after.satisfied ? [{ type: 'plan.started', payload: { planId, actions: record.plan.actions.length, via: 'approval' } }] : [];
      return [{ type: 'plan.approved', payload: approval }, ...start];
    });
  }

  /** A rejection by someone who could approve ends the plan. */
  async reject(principal: Principal, incidentId: string, planId: string, input: { reason: string }) {
    return this.decide(principal, incidentId, planId, (record, ctx) => {
      this.requireStatus(record, ['awaiting_approval', 'approved']);
      const reqs = ruleFor(record.plan, this.loaded.policy)?.approvals ?? [];
      const reasons = reqs.map((req) => whyNotEligible(approverOf(principal), req, record.plan, ctx));
      if (!reasons.some((r) => r === null)) throw new UserError('forbidden', `${principal.username} cannot reject ${planId}: ${reasons[0] ?? 'no policy rule matches it'}`, [], { hint: 'only someone who could approve the plan may reject it; its requester may cancel it' });
      return [{ type: 'plan.rejected', payload: { planId, role: principal.role, entities: principal.entities, reason: input.reason } }];
    });
  }

  /** Runs the plan at once, without approvals, recorded loudly with its reason. */
  async breakGlass(principal: Principal, incidentId: string, planId: string, input: { reason: string }) {
    return this.decide(principal, incidentId, planId, (record) => {
      this.requireStatus(record, ['awaiting_approval', 'approved']);
      const problem = breakGlassProblem(approverOf(principal), input.reason, record.plan, this.loaded.policy);
      if (problem !== null) throw new UserError(problem.startsWith('the reason') ? 'validation_failed' : 'forbidden', `break-glass refused: ${problem}`, problem.startsWith('the reason') ? [{ field: 'body.reason', message: problem }] : []);
      return [
        { type: 'plan.break_glass', payload: { planId, role: principal.role, entities: principal.entities, reason: input.reason } },
        { type: 'plan.started', payload: { planId, actions: record.plan.actions.length, via: 'break_glass' } },
      ];
    });
  }

  /** The requester, or a commander, withdraws a plan that has not started. */
  async cancel(principal: Principal, incidentId: string, planId: string, input: { reason?: string | undefined }) {
    return this.decide(principal, incidentId, planId, (record) => {
      this.requireStatus(record, ['awaiting_approval', 'approved', 'expired']);
      if (record.requestedBy !== principal.username && !can(principal, 'incident:command')) {
        throw new UserError('forbidden', `only ${record.requestedBy} (who asked for it) or an incident commander may cancel ${planId}`);
      }
      return [{ type: 'plan.cancelled', payload: { planId, ...(input.reason ? { reason: input.reason } : {}) } }];
    });
  }

  /** Asks the executor to undo what the plan did (all actions, or `actionIds`). */
  async rollback(principal: Principal, incidentId: string, planId: string, input: { reason?: string | undefined; actionIds?: string[] | undefined }) {
    return this.decide(principal, incidentId, planId, (record) => {
      this.requireStatus(record, ['running', 'completed', 'failed', 'rolling_back', 'rolled_back', 'rollback_failed']);
      const wanted = input.actionIds ? new Set(input.actionIds) : undefined;
      const actions = wanted ? record.plan.actions.filter((a) => wanted.has(a.id)) : record.plan.actions;
      if (wanted && actions.length < wanted.size) {
        const known = new Set(actions.map((a) => a.id));
        const unknown = [...wanted].filter((id) => !known.has(id));
        throw new UserError('validation_failed', `${planId} has no action ${unknown.slice(0, 20).join(', ')}`, [{ field: 'body.actionIds', message: 'unknown action ids', hint: `use ids from GET /api/incidents/${incidentId}/plans/${planId}` }]);
      }
      // Rolling back some actions needs the entities of those actions; the whole plan, all of its entities.
      const entities = wanted ? [...new Set(actions.map((a) => a.target.entity))] : record.plan.entities;
      if (!coversPlan(approverOf(principal), { entities, regions: [] })) throw new UserError('forbidden', `rolling back ${wanted ? 'these actions of ' : ''}${planId} needs all of: ${entities.join(', ')}`);
      return [{ type: 'plan.rollback_requested', payload: { planId, ...(input.reason ? { reason: input.reason } : {}), ...(input.actionIds ? { actionIds: input.actionIds } : {}) } }];
    });
  }

  /** Hands running plans whose actions the executor never received to it again (after a crash between the two). */
  async resume(): Promise<number> {
    let resumed = 0;
    for (const incidentId of await this.store.incidents.ids()) {
      const events = await this.store.incidents.events(incidentId);
      for (const record of projectPlans(events).filter((r) => r.status === 'running')) {
        if ((await this.executor.list(executorPlanId(incidentId, record.planId))).length > 0) continue;
        await this.submit(incidentId, record, `user:${record.started?.by ?? record.requestedBy}`);
        resumed += 1;
      }
    }
    return resumed;
  }

  private async decide(principal: Principal, incidentId: string, planId: string, decide: Decide) {
    await this.incidents.require(principal, incidentId);
    const context = await this.context();
    let drafts: EventDraft[] = [];
    let before: PlanRecord | undefined;
    const { events } = await this.append(incidentId, (summary, log) => {
      before = this.find(principal, this.project(log, summary, context), planId);
      drafts = decide(before, this.approvalContext(before, summary, context));
      return recordEvents(summary, drafts, this.commandContext(principal));
    });
    const record = before;
    if (record && drafts.some((d) => d.type === 'plan.started')) await this.submit(incidentId, record, actorOf(principal));
    if (record && drafts.some((d) => d.type === 'plan.rollback_requested')) {
      const ids = (drafts.find((d) => d.type === 'plan.rollback_requested')?.payload as { actionIds?: string[] }).actionIds;
      await this.executor.rollback({ incidentId, planId: executorPlanId(incidentId, planId), actor: actorOf(principal), ...(ids ? { actionIds: ids } : {}) });
    }
    return this.viewAfter(principal, incidentId, planId, events);
  }

  private submit(incidentId: string, record: PlanRecord, actor: string): Promise<void> {
    return this.executor.submit({ incidentId, planId: executorPlanId(incidentId, record.planId), actions: record.plan.actions, actor });
  }

  /** Appends under the incident's lock with the whole log in hand, then publishes like every incident change. */
  private async append(incidentId: string, build: (summary: IncidentSummary, log: IncidentEvent[]) => { events: IncidentEvent[]; summary: IncidentSummary } | Promise<{ events: IncidentEvent[]; summary: IncidentSummary }>) {
    let log: IncidentEvent[] = [];
    const result = await this.store.incidents.append(incidentId, async ({ summary, readLog }) => {
      log = await readLog();
      return build(summary, log);
    });
    await this.bus.publish(incidentSubject(incidentId), result);
    await this.bus.publish(BOARD_SUBJECT, result.summary);
    return { events: [...log, ...result.events], summary: result.summary };
  }

  private async viewAfter(principal: Principal, incidentId: string, planId: string, events: IncidentEvent[]) {
    const summary = await this.incidents.require(principal, incidentId);
    const record = this.find(principal, this.project(events, summary, await this.context()), planId);
    return planDetail(incidentId, record, summary.entities, await this.execution(incidentId, record, false));
  }

  /** The executor's counts for a started plan, and its per-action records when asked for. */
  private async execution(incidentId: string, record: PlanRecord, withRecords: boolean) {
    if (!record.started) return null;
    const id = executorPlanId(incidentId, record.planId);
    if (!withRecords) return { counts: await this.executor.counts(id) };
    const records = await this.executor.list(id);
    return { counts: countRecords(records), records };
  }

  private async records(principal: Principal, incidentId: string): Promise<{ records: PlanRecord[]; summary: IncidentSummary }> {
    const summary = await this.incidents.require(principal, incidentId);
    return { records: this.project(await this.store.incidents.events(incidentId), summary, await this.context()), summary };
  }

  private project(events: readonly IncidentEvent[], summary: IncidentSummary, context: Context): PlanRecord[] {
    return projectPlans(events, { policy: this.loaded.policy, now: this.now(), context: { ...context, incidentCommander: summary.commander } });
  }

  private approvalContext(record: PlanRecord, summary: IncidentSummary, context: Context): ApprovalContext {
    return { ...context, incidentCommander: summary.commander, requester: record.requestedBy, approvals: record.approvals, rejections: record.rejections, breakGlass: record.breakGlass, now: this.now() };
  }

  private preview(plan: ProposedPlan, principal: Principal, summary: IncidentSummary, context: Context) {
    return evaluateApprovals(plan, this.loaded.policy, { ...context, incidentCommander: summary.commander, requester: principal.username, approvals: [], now: this.now() });
  }

  /** People as they are now (role changes and disabled accounts apply) and the entities of each region. */
  private async context(): Promise<Context> {
    const users = await this.store.users.list();
    const principalsInfo = new Map(users.map((u) => [u.username, { username: u.username, role: u.role, entities: u.entities.includes('*') ? ('*' as const) : u.entities, disabled: u.disabled }]));
    const regionEntities: Record<string, string[]> = {};
    for (const entity of (await this.estate.current()).doc.entities) (regionEntities[entity.region] ??= []).push(entity.id);
    return { principalsInfo, regionEntities };
  }

  private async fromSuggestion(principal: Principal, incidentId: string, key: string) {
    const { suggestions } = await this.suggestions(principal, incidentId);
    const found = suggestions.find((s) => s.key === key);
    if (!found) throw new UserError('not_found', `no suggestion ${key} for ${incidentId}`, [{ field: 'body.suggestion', message: `unknown suggestion '${key}'`, hint: suggestions.length > 0 ? `use one of: ${suggestions.map((s) => s.key).join(', ')}` : 'the incident has no suggestions: record hosts in scope first, or ask for { kind, target }' }]);
    return { plan: found.plan, suggestion: key };
  }

  private visible(principal: Principal, record: PlanRecord): boolean {
    return record.plan.entities.length === 0 ? principal.entities === '*' : record.plan.entities.some((e) => inScope(principal, e));
  }

  private find(principal: Principal, records: readonly PlanRecord[], planId: string): PlanRecord {
    const record = records.find((r) => r.planId === planId);
    if (!record || !this.visible(principal, record)) throw new UserError('not_found', `no plan ${planId}`, [], { hint: 'list the plans of the incident: GET /api/incidents/:id/plans' });
    return record;
  }

  private requireStatus(record: PlanRecord, allowed: readonly string[]): void {
    if (!allowed.includes(record.status)) throw new UserError('conflict', `${record.planId} is ${record.status.replace('_', ' ')}`, [], { status: record.status });
  }

  private commandContext(principal: Principal) {
    return { actor: actorOf(principal), now: this.now(), newId: randomUUID };
  }
}
