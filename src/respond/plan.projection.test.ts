import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from '../estate/graph/index.js';
import { buildTimeline, openIncident, recordEvents, type IncidentEvent, type IncidentSummary } from '../incident/index.js';
import { buildPlan } from './planner.build.js';
import { executorPlanId, planIdFor, registerPlanEventTypes } from './plan-events.js';
import { countPlans, projectPlans } from './plan.projection.js';
import { parsePolicy } from './policy.parse.js';
import { estate2021 } from './respond.testing.js';

registerPlanEventTypes();
const parsed = parsePolicy(readFileSync(new URL('../../content/policies/default.yaml', import.meta.url), 'utf8'), 'default.yaml');
if (!parsed.ok) throw new Error('default policy');
const policy = parsed.policy;
const index = buildEstateIndex(estate2021());
const emea = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, index);
const region = { regionEntities: { emea: ['uk-ltd', 'de-gmbh'] } };

class Log {
  readonly events: IncidentEvent[] = [];
  private summary: IncidentSummary;
  private n = 0;
  constructor() {
    const opened = openIncident({ title: 'Ransomware', severity: 'critical' }, { incidentId: 'INC-0001', actor: 'user:cora', now: new Date('2021-06-01T22:00:00Z'), newId: () => this.id() });
    this.events.push(...opened.events);
    this.summary = opened.summary;
  }
  private id() {
    this.n += 1;
    return `00000000-0000-4000-8000-${this.n.toString(16).padStart(12, '0')}`;
  }
  record(actor: string, at: string, type: string, payload: unknown) {
    const result = recordEvents(this.summary, [{ type, payload }], { actor, now: new Date(at), newId: () => this.id() });
    this.events.push(...result.events);
    this.summary = result.summary;
    return this;
  }
}

const proposeEmea = (log: Log) => log.record('user:cora', '2021-06-01T22:10:00Z', 'plan.proposed', { planId: planIdFor(countPlans(log.events) + 1), plan: emea, requestedBy: 'cora' });
const approve = (log: Log, who: string, role: string, entities: string[] | '*', requirement: string, at: string) =>
  log.record(`user:${who}`, at, 'plan.approved', { planId: 'P-0001', role, entities, requirement, expiresAt: '2021-06-02T02:10:00Z' });

/** What the executor records when a direction of a plan is done (its own event type, not registered here). */
function finished(log: Log, direction: 'forward' | 'reverse', counts: Record<string, number>): IncidentEvent {
  const last = log.events.at(-1)!;
  const payload = { planId: executorPlanId('INC-0001', 'P-0001'), direction, counts, total: 6, startedAt: last.at };
  return { ...last, seq: last.seq + 1, id: `${last.id}-f`, actor: 'system:executor', type: 'plan.finished', payload };
}

describe('projectPlans', () => {
  it('follows a region shutdown from proposal to approval by two people, start and rollback', () => {
    const log = new Log();
    proposeEmea(log);
    approve(log, 'cora', 'commander', '*', 'incident-commander', '2021-06-01T22:11:00Z');
    const waiting = projectPlans(log.events, { policy, now: new Date('2021-06-01T22:12:00Z'), context: region });
    expect(waiting[0]).toMatchObject({ planId: 'P-0001', status: 'awaiting_approval', requestedBy: 'cora', expiresAt: '2021-06-02T22:10:00.000Z' });
    expect(waiting[0]?.evaluation?.summary).toBe("needs region-lead (entity_lead covering all of emea); cora's approval (incident-commander) counts once someone else approves");
    approve(log, 'emea-lead', 'entity_lead', ['uk-ltd', 'de-gmbh'], 'region-lead', '2021-06-01T22:20:00Z');
    log.record('user:emea-lead', '2021-06-01T22:20:00Z', 'plan.started', { planId: 'P-0001', actions: emea.actions.length, via: 'approval' });
    const running = projectPlans(log.events, { policy, now: new Date('2021-06-01T22:21:00Z'), context: region })[0]!;
    expect(running).toMatchObject({ status: 'running', started: { by: 'emea-lead', via: 'approval' }, expiresAt: null });
    expect(running.evaluation).toMatchObject({ outcome: 'satisfied' });
    log.events.push(finished(log, 'forward', { verified: 6 }));
    expect(projectPlans(log.events)[0]).toMatchObject({ status: 'completed', finished: { forward: { total: 6, counts: { verified: 6 } }, reverse: null } });
    log.record('user:cora', '2021-06-02T08:00:00Z', 'plan.rollback_requested', { planId: 'P-0001', reason: 'EMEA swept clean' });
    expect(projectPlans(log.events)[0]).toMatchObject({ status: 'rolling_back', rollbacks: [{ by: 'cora', reason: 'EMEA swept clean', actionIds: null }] });
    log.events.push(finished(log, 'reverse', { rolled_back: 6 }));
    expect(projectPlans(log.events)[0]?.status).toBe('rolled_back');
    const failing = new Log();
    proposeEmea(failing).record('user:cora', '2021-06-01T22:11:00Z', 'plan.started', { planId: 'P-0001', actions: 6, via: 'approval' });
    failing.events.push(finished(failing, 'forward', { verified: 5, failed: 1 }));
    expect(projectPlans(failing.events)[0]?.status).toBe('failed');
    const lines = buildTimeline(log.events).map((entry) => entry.description);
    expect(lines).toContain('cora proposed P-0001: Shut down the EMEA region (emea) (6 actions, 4 hosts affected)');
    expect(lines).toContain('emea-lead approved P-0001 as region-lead (entity_lead)');
    expect(lines).toContain("P-0001 started on emea-lead's approval: 6 actions handed to the executor");
  });

  it('expires a plan nobody approved within the proposal time, and marks rejections and cancellations', () => {
    const log = new Log();
    proposeEmea(log);
    expect(projectPlans(log.events, { policy, now: new Date('2021-06-02T22:10:00Z') })[0]?.status).toBe('expired');
    proposeEmea(log);
    log.record('user:emea-lead', '2021-06-01T22:15:00Z', 'plan.rejected', { planId: 'P-0002', role: 'entity_lead', entities: ['uk-ltd', 'de-gmbh'], reason: 'EMEA has no link left to Tokyo' });
    proposeEmea(log);
    log.record('user:cora', '2021-06-01T22:16:00Z', 'plan.cancelled', { planId: 'P-0003' });
    const plans = projectPlans(log.events, { policy, now: new Date('2021-06-01T22:30:00Z'), context: region });
    expect(plans.map((p) => [p.planId, p.status])).toEqual([
      ['P-0001', 'awaiting_approval'],
      ['P-0002', 'rejected'],
      ['P-0003', 'cancelled'],
    ]);
    expect(plans[1]?.evaluation?.rejectedBy?.reason).toBe('EMEA has no link left to Tokyo');
  });

  it('records break-glass loudly in the timeline', () => {
    const log = new Log();
    proposeEmea(log);
    log.record('user:cora', '2021-06-01T22:11:00Z', 'plan.break_glass', { planId: 'P-0001', role: 'commander', entities: '*', reason: 'encryption spreading to London file servers' });
    log.record('user:cora', '2021-06-01T22:11:00Z', 'plan.started', { planId: 'P-0001', actions: 6, via: 'break_glass' });
    const plan = projectPlans(log.events, { policy, now: new Date('2021-06-01T22:12:00Z'), context: region })[0]!;
    expect(plan).toMatchObject({ status: 'running', evaluation: { outcome: 'break_glass' } });
    expect(buildTimeline(log.events).map((e) => e.description)).toContain('BREAK-GLASS: cora (commander) ran P-0001 without approval: encryption spreading to London file servers');
  });
});
