import { describe, expect, it } from 'vitest';
import { decodeEvent, projectScope, type ScopeView } from '../incident/index.js';
import { IncidentHarness } from '../incident/incident.testing.js';
import { estateDocumentSchema } from '../estate/index.js';
import { planRecovery } from './recovery.plan.js';
import { actionRecord, at, isolated, testEstate } from './recovery.testing.js';

const EMEA = testEstate().hosts.filter((h) => h.entity !== 'jp-hq').map((h) => ({ host: h.hostname, entity: h.entity }));
const JAPAN = testEstate().hosts.filter((h) => h.entity === 'jp-hq').map((h) => ({ host: h.hostname, entity: h.entity }));
const CUT_ARGS = { segment: 'uk-server', external: true, peers: [] };

function scopeWith(marks: { host: string; state: 'suspected' | 'in_scope'; entity: string }[]): ScopeView {
  const h = new IncidentHarness({ title: 'Ransomware', severity: 'critical' }, { start: at(0) });
  for (const m of marks) h.append({ type: 'scope.changed', payload: { kind: 'host', ref: m.host, state: m.state, evidence: 'analyst', entity: m.entity } });
  return projectScope(h.log.map(decodeEvent));
}

function emeaShutdown() {
  return [
    ...isolated(EMEA, 5, 'P-emea'),
    actionRecord({ planId: 'P-emea', actionId: 'a0100', operation: 'cut', segment: 'uk-server', entity: 'uk-ltd', args: CUT_ARGS, states: [['requested', 5], ['verified', 6]] }),
  ];
}

describe('planRecovery', () => {
  it('restores the network first, then identity, then services in dependency order, then the other hosts', () => {
    const scope = scopeWith([{ host: 'uk-db01', state: 'in_scope', entity: 'uk-ltd' }]);
    const plan = planRecovery(testEstate(), scope, { recoveryId: 'rcv-1', target: { kind: 'region', ref: 'emea' } }, emeaShutdown());
    expect(plan.steps.map((s) => [s.n, s.tier, s.services, s.dependsOn])).toEqual([
      [1, 'network', [], []],
      [2, 'identity', ['identity-emea'], [1]],
      [3, 'network', ['dns-emea'], [1]],
      [4, 'data', ['db-uk'], [1, 2]],
      [5, 'application', ['orders-uk'], [1, 2, 3, 4]],
      [6, 'application', ['billing-de'], [1, 2]],
      [7, 'hosts', [], [1, 2]],
    ]);
    expect(plan.steps[0]!.actions).toEqual([expect.objectContaining({ id: 'a0001', connector: 'gateway', operation: 'restore', args: CUT_ARGS, reversal: { operation: 'cut', args: CUT_ARGS }, target: { kind: 'segment', ref: 'uk-server', entity: 'uk-ltd' } })]);
    expect(plan.steps[4]!.actions.map((a) => [a.operation, a.target.ref, a.reversal?.operation])).toEqual([['release', 'uk-app01', 'isolate'], ['release', 'uk-app02', 'isolate']]);
    expect(plan.steps[6]!.hosts).toEqual(['de-ws01', 'uk-ws01']);
    expect(plan).toMatchObject({ entities: ['de-gmbh', 'uk-ltd'], regions: ['emea'], cycles: [], basedOn: ['P-emea'] });
  });

  it('gives each step its gates: clean sweep, credentials for identity, backups of data in scope, approval', () => {
    const scope = scopeWith([{ host: 'uk-db01', state: 'in_scope', entity: 'uk-ltd' }]);
    const plan = planRecovery(testEstate(), scope, { recoveryId: 'rcv-1', target: { kind: 'region', ref: 'emea' }, approver: 'emea-lead' }, emeaShutdown());
    const gates = (n: number) => plan.steps[n - 1]!.gates.map((g) => [g.gate, g.subject ?? null, g.hosts ?? null]);
    expect(gates(1)).toEqual([['clean_sweep', null, ['uk-db01']], ['approval', 'emea-lead', null]]);
    expect(gates(2)).toEqual([['clean_sweep', null, ['uk-dc01']], ['credentials_reset', 'identity-emea', null], ['approval', 'emea-lead', null]]);
    expect(gates(4)).toEqual([['clean_sweep', null, ['uk-db01']], ['backup_verified', 'crm-uk', null], ['approval', 'emea-lead', null]]);
    expect(gates(5)).toEqual([['clean_sweep', null, ['uk-app01', 'uk-app02']], ['approval', 'emea-lead', null]]);
  });

  it('keeps regions independent: each plan touches only its own hosts and notes dependencies elsewhere', () => {
    const records = [...emeaShutdown(), ...isolated(JAPAN, 1, 'P-jp')];
    const scope = scopeWith([{ host: 'jp-app01', state: 'in_scope', entity: 'jp-hq' }]);
    const apac = planRecovery(testEstate(), scope, { recoveryId: 'rcv-a', target: { kind: 'region', ref: 'apac' } }, records);
    expect(apac.steps.flatMap((s) => s.actions.map((a) => a.target.ref)).sort()).toEqual(['jp-app01', 'jp-db01', 'jp-dc01']);
    expect(apac.basedOn).toEqual(['P-jp']);
    const de = planRecovery(testEstate(), scope, { recoveryId: 'rcv-d', target: { kind: 'entity', ref: 'de-gmbh' } }, records);
    expect(de.steps.map((s) => [s.title, s.externalDependencies])).toEqual([['Application: Billing DE', ['identity-emea']], ['Remaining hosts: 1 host not running a business service', []]]);
    expect(de.steps[0]!.notes[0]).toMatch(/depends on identity-emea, affected and outside this plan/);
  });

  it('restores services that depend on each other in one step and reports the cycle', () => {
    const estate = testEstate();
    const doc = estateDocumentSchema.parse({ ...estate, services: [...estate.services.filter((s) => s.id !== 'db-uk'), { id: 'db-uk', name: 'Database UK', entity: 'uk-ltd', hosts: ['uk-db01'], dependsOn: ['orders-uk'] }] });
    const plan = planRecovery(doc, scopeWith([]), { recoveryId: 'rcv-c', target: { kind: 'entity', ref: 'uk-ltd' } }, emeaShutdown());
    expect(plan.cycles).toEqual([['db-uk', 'orders-uk']]);
    expect(plan.warnings[0]).toMatch(/depend on each other in a circle: db-uk -> orders-uk/);
    const together = plan.steps.find((s) => s.services.includes('db-uk'))!;
    expect(together.services).toEqual(['db-uk', 'orders-uk']);
    expect(together.title).toMatch(/restored together/);
  });

  it('uses the reversal the containment plan proposed (Defender: unisolate), and notes hosts shut down', () => {
    const records = [
      actionRecord({ planId: 'P-m', actionId: 'a0001', connector: 'mde', operation: 'isolate', host: 'de-app01', entity: 'de-gmbh', args: { machineId: 'm-1' }, states: [['requested', 1], ['verified', 2]] }),
      actionRecord({ planId: 'P-m', actionId: 'a0002', operation: 'shutdown', host: 'de-ws01', entity: 'de-gmbh', states: [['requested', 1], ['applied', 2]] }),
    ];
    const plan = planRecovery(testEstate(), scopeWith([]), { recoveryId: 'rcv-m', target: { kind: 'entity', ref: 'de-gmbh' } }, records);
    expect(plan.steps[0]!.actions[0]).toMatchObject({ connector: 'mde', operation: 'unisolate', args: { machineId: 'm-1' } });
    expect(plan.steps[1]!.actions).toEqual([]);
    expect(plan.steps[1]!.notes[0]).toMatch(/shut down: power on by hand/);
  });

  it('refuses when nothing in the target is contained or in scope, and names unknown targets', () => {
    expect(() => planRecovery(testEstate(), scopeWith([]), { recoveryId: 'r', target: { kind: 'region', ref: 'apac' } }, emeaShutdown())).toThrow(/nothing to restore in region apac/);
    expect(() => planRecovery(testEstate(), scopeWith([]), { recoveryId: 'r', target: { kind: 'entity', ref: 'xx' } }, [])).toThrow(/no entity "xx"/);
  });
});
