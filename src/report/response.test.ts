import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from '../estate/graph/index.js';
import { registerExecutorEventTypes } from '../executor/events.js';
import { openIncident, recordEvents, type IncidentEvent, type IncidentSummary } from '../incident/index.js';
import { buildPlan } from '../respond/planner.build.js';
import { executorPlanId, registerPlanEventTypes } from '../respond/plan-events.js';
import { estate2021 } from '../respond/respond.testing.js';
import { renderMarkdown } from './markdown.js';
import { buildReport } from './report.js';
import { responseOf } from './response.js';

registerPlanEventTypes();
registerExecutorEventTypes();
const emea = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, buildEstateIndex(estate2021()));

function log(): IncidentEvent[] {
  let n = 0;
  const newId = () => `00000000-0000-4000-8000-${(n += 1).toString(16).padStart(12, '0')}`;
  const opened = openIncident({ title: 'Ransomware', severity: 'critical' }, { incidentId: 'INC-0001', actor: 'user:cora', now: new Date('2021-06-01T22:00:00Z'), newId });
  const events = [...opened.events];
  let summary: IncidentSummary = opened.summary;
  const record = (actor: string, at: string, type: string, payload: unknown) => {
    const result = recordEvents(summary, [{ type, payload }], { actor, now: new Date(at), newId });
    events.push(...result.events);
    summary = result.summary;
  };
  const exec = executorPlanId('INC-0001', 'P-0001');
  const [first, second] = emea.actions;
  record('user:cora', '2021-06-01T22:10:00Z', 'plan.proposed', { planId: 'P-0001', plan: emea, requestedBy: 'cora' });
  record('user:emea-lead', '2021-06-01T22:20:00Z', 'plan.approved', { planId: 'P-0001', role: 'entity_lead', entities: ['uk-ltd'], requirement: 'region-lead', expiresAt: '2021-06-02T02:10:00Z' });
  record('user:emea-lead', '2021-06-01T22:20:00Z', 'plan.started', { planId: 'P-0001', actions: emea.actions.length, via: 'approval' });
  record('system:executor', '2021-06-01T22:25:00Z', 'actions.progressed', {
    planId: exec,
    direction: 'forward',
    transitions: [
      { actionId: first?.id ?? 'a0001', label: first?.label ?? 'first', state: 'verified', at: '2021-06-01T22:24:00Z', detail: 'probe to 10.40.0.1:445 refused' },
      { actionId: second?.id ?? 'a0002', label: second?.label ?? 'second', state: 'sent', at: '2021-06-01T22:24:00Z' },
    ],
  });
  record('system:executor', '2021-06-01T22:30:00Z', 'action.failed', { planId: exec, actionId: second?.id ?? 'a0002', direction: 'forward', connector: 'agent', operation: 'shutdown', target: { kind: 'host', ref: 'x', entity: 'uk-ltd' }, label: second?.label ?? 'second', attempts: 3, error: { code: 'offline', message: 'agent offline' } });
  record('system:executor', '2021-06-01T22:31:00Z', 'plan.finished', { planId: exec, direction: 'forward', counts: { verified: 1, failed: 1 }, total: 2, startedAt: '2021-06-01T22:20:00Z' });
  return events;
}

describe('the response in the report', () => {
  it('lists plans, each action with its evidence, and the downtime per region', () => {
    const r = responseOf(log(), '2021-06-03T22:20:00Z');
    expect(r.plans).toEqual([expect.objectContaining({ planId: 'P-0001', kind: 'shutdown_region', requestedBy: 'cora', approvedBy: ['emea-lead'], startedAt: '2021-06-01T22:20:00.000Z', result: '1 verified, 1 failed of 2', regions: ['emea'] })]);
    expect(r.actions.map((a) => [a.planId, a.state, a.evidence])).toEqual([
      ['P-0001', 'verified', 'probe to 10.40.0.1:445 refused'],
      ['P-0001', 'failed', 'offline: agent offline (after 3 attempts)'],
    ]);
    expect(r.downtimeByRegion).toEqual([expect.objectContaining({ region: 'emea', ms: 2 * 86_400_000, until: null })]);
  });

  it('renders them in Markdown', () => {
    const events = log();
    const md = renderMarkdown(buildReport({ events, obligations: [], decisions: { decisions: [], payments: [] }, generatedAt: '2021-06-03T22:20:00Z', generatedBy: 'vera' }));
    expect(md).toContain('## Response plans and actions');
    expect(md).toMatch(/\| P-0001 \| .* \| verified \| 2021-06-01T22:24:00Z \| probe to 10\.40\.0\.1:445 refused \|/);
    expect(md).toMatch(/\| emea \| 2d \| 2021-06-01T22:20:00\.000Z \| still offline \|/);
  });
});
