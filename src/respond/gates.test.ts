import { describe, expect, it } from 'vitest';
import { decodeEvent, projectScope } from '../incident/index.js';
import { IncidentHarness } from '../incident/incident.testing.js';
import { evaluateGates } from './gates.js';
import { planRecovery } from './recovery.plan.js';
import type { RecoveryPlan } from './recovery.schema.js';
import { nextRunnableSteps, projectRecoveries, recoveryState } from './recovery.state.js';
import { at, isolated, testEstate } from './recovery.testing.js';
import type { SweepResult } from './sweep.results.js';

const JAPAN = testEstate().hosts.filter((h) => h.entity === 'jp-hq').map((h) => ({ host: h.hostname, entity: h.entity }));
const EMEA = testEstate().hosts.filter((h) => h.entity !== 'jp-hq').map((h) => ({ host: h.hostname, entity: h.entity }));

function clean(host: string, entity: string, minutes: number, outcome: SweepResult['outcome'] = 'clean'): SweepResult {
  return { host, entity, planId: 'S-1', actionId: host, outcome, at: at(minutes), findings: [], findingsTotal: outcome === 'findings' ? 1 : 0 };
}

/** An incident with a recovery plan recorded; times advance one minute per event from T0. */
function setup(target: { kind: 'region' | 'entity'; ref: string }, approver?: string) {
  const h = new IncidentHarness({ title: 'Ransomware', severity: 'critical' }, { start: at(0) });
  h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'uk-db01', state: 'in_scope', evidence: 'ransom note', entity: 'uk-ltd' } });
  const records = [...isolated(EMEA, 1, 'P-emea'), ...isolated(JAPAN, 1, 'P-jp')];
  const plans: RecoveryPlan[] = [];
  const plan = (t: typeof target, id: string) => {
    const p = planRecovery(testEstate(), projectScope(h.log.map(decodeEvent)), { recoveryId: id, target: t, ...(approver ? { approver } : {}) }, records);
    h.raw('recovery.planned', p, 'user:cora');
    plans.push(p);
    return p;
  };
  return { h, plan: plan(target, 'rcv-1'), plan2: (t: typeof target) => plan(t, 'rcv-2'), plans };
}

const gate = (h: IncidentHarness, step: number, gateKind: string, by: string, subject?: string, recoveryId = 'rcv-1') =>
  h.raw('recovery.gate_recorded', { recoveryId, step, gate: gateKind, by, evidence: 'done', ...(subject ? { subject } : {}) }, `user:${by}`);

describe('evaluateGates', () => {
  it('passes the clean sweep only for sweeps after the last in-scope mark', () => {
    const { h, plan } = setup({ kind: 'entity', ref: 'uk-ltd' });
    const dbStep = plan.steps.find((s) => s.services.includes('db-uk'))!;
    h.raw('sweep.results', { planId: 'S-0', results: [{ ...clean('uk-db01', 'uk-ltd', 0), planId: 'S-0' }] });
    expect(evaluateGates(dbStep, h.log)[0]).toMatchObject({ gate: 'clean_sweep', passed: false, sweep: { total: 1, clean: 0, outstanding: ['uk-db01'] } });
    h.raw('sweep.results', { planId: 'S-1', results: [clean('uk-db01', 'uk-ltd', 500)] });
    expect(evaluateGates(dbStep, h.log)[0]).toMatchObject({ passed: true, detail: 'all 1 host swept clean after their last in-scope or suspected mark' });
  });

  it('passes recorded gates for their plan, step and subject, and an approval only from the named approver', () => {
    const { h, plan } = setup({ kind: 'entity', ref: 'uk-ltd' }, 'emea-lead');
    const dbStep = plan.steps.find((s) => s.services.includes('db-uk'))!;
    gate(h, dbStep.n, 'backup_verified', 'rob', 'some-other-store');
    gate(h, dbStep.n + 1, 'backup_verified', 'rob', 'crm-uk');
    gate(h, dbStep.n, 'approval', 'cora');
    const before = evaluateGates(dbStep, h.log);
    expect(before.map((g) => [g.gate, g.passed])).toEqual([['clean_sweep', false], ['backup_verified', false], ['approval', false]]);
    expect(before[2]!.detail).toBe("waiting for emea-lead's sign-off");
    gate(h, dbStep.n, 'backup_verified', 'rob', 'crm-uk');
    gate(h, dbStep.n, 'approval', 'emea-lead');
    const after = evaluateGates(dbStep, h.log);
    expect(after.map((g) => [g.gate, g.passed])).toEqual([['clean_sweep', false], ['backup_verified', true], ['approval', true]]);
    expect(after[1]!.record).toMatchObject({ by: 'rob', evidence: 'done' });
  });
});

describe('nextRunnableSteps', () => {
  it('runs a step when its gates pass and the steps it depends on are completed', () => {
    const { h, plan } = setup({ kind: 'entity', ref: 'uk-ltd' });
    const runnable = () => nextRunnableSteps(plan, recoveryState(plan, h.log));
    expect(plan.steps.map((s) => s.title)).toEqual(['Identity: AD EMEA', 'Network: DNS EMEA', 'Data: Database UK', 'Application: Orders UK', 'Remaining hosts: 1 host not running a business service']);
    expect(runnable()).toEqual([]);
    h.raw('sweep.results', { planId: 'S-1', results: ['uk-dc01', 'uk-dns01', 'uk-db01', 'uk-app01', 'uk-app02', 'uk-ws01'].map((x) => clean(x, 'uk-ltd', 500)) });
    gate(h, 1, 'approval', 'cora');
    expect(runnable()).toEqual([]);
    gate(h, 1, 'credentials_reset', 'rob', 'identity-emea');
    gate(h, 2, 'approval', 'cora');
    expect(runnable()).toEqual([1, 2]);
    h.raw('recovery.step_started', { recoveryId: 'rcv-1', step: 1, planId: 'rcv-1-s1', actions: 1, by: 'cora' });
    expect(runnable()).toEqual([2]);
    gate(h, 3, 'approval', 'cora');
    gate(h, 3, 'backup_verified', 'rob', 'crm-uk');
    expect(runnable()).toEqual([2]);
    h.raw('recovery.step_completed', { recoveryId: 'rcv-1', step: 1, planId: 'rcv-1-s1', verified: 1 });
    expect(runnable()).toEqual([2, 3]);
    const view = projectRecoveries(h.log)[0]!;
    expect(view.steps.map((s) => s.status)).toEqual(['completed', 'ready', 'ready', 'blocked', 'waiting_gates']);
    expect(view.steps[3]!.waitingFor).toEqual([2, 3]);
    expect(view).toMatchObject({ status: 'in_progress', progress: { completed: 1, total: 5 }, runnable: [2, 3] });
  });

  it('lets a failed step run again, and keeps two regions’ plans independent', () => {
    const { h, plan, plan2 } = setup({ kind: 'region', ref: 'apac' });
    const emea = plan2({ kind: 'region', ref: 'emea' });
    h.raw('sweep.results', { planId: 'S-1', results: [clean('jp-dc01', 'jp-hq', 500), clean('uk-dc01', 'uk-ltd', 500)] });
    gate(h, 1, 'credentials_reset', 'rob', 'identity-emea', 'rcv-2');
    gate(h, 1, 'approval', 'cora', undefined, 'rcv-2');
    expect(nextRunnableSteps(plan, recoveryState(plan, h.log))).toEqual([]);
    expect(nextRunnableSteps(emea, recoveryState(emea, h.log))).toEqual([1]);
    h.raw('recovery.step_started', { recoveryId: 'rcv-2', step: 1, planId: 'rcv-2-s1', actions: 1, by: 'cora' });
    h.raw('recovery.step_failed', { recoveryId: 'rcv-2', step: 1, planId: 'rcv-2-s1', failedTotal: 1, failed: [{ actionId: 'a0001', label: 'release uk-dc01', error: 'agent offline' }] });
    expect(projectRecoveries(h.log)[1]!.steps[0]).toMatchObject({ status: 'failed', runs: [{ outcome: 'failed', failedTotal: 1 }] });
    expect(nextRunnableSteps(emea, recoveryState(emea, h.log))).toEqual([1]);
  });
});
