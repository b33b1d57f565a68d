import { describe, expect, it } from 'vitest';
import { decodeEvent, projectScope } from '../incident/index.js';
import { IncidentHarness } from '../incident/incident.testing.js';
import type { UserError } from '../shared/errors.js';
import { actionRecord, at, testEstate } from './recovery.testing.js';
import { regionClearance } from './scope-confirmation.js';
import { entityClearances, mayDeclare, regionDeclaration } from './scope-confirmation.declare.js';
import { latestSweeps, sweepResultsFromActions, type SweepResult } from './sweep.results.js';
import { scopeChangesFromSweep, sweptCleanSinceLastMark } from './sweep.scope.js';

const CLEAN = { clean: true, findings: [], checked: { files: 100, processes: 20, connections: 5 }, durationMs: 1500 };
const FOUND = { clean: false, findings: [{ kind: 'file', indicator: 'a'.repeat(64), detail: 'C:\\Users\\x\\qbot.dll' }], checked: { files: 100, processes: 20, connections: 5 }, durationMs: 1500 };

function sweep(host: string, entity: string, minutes: number, evidence: Record<string, unknown> | null, failed = false) {
  return actionRecord({ planId: 'S-1', operation: 'sweep', host, entity, evidence, states: failed ? [['requested', minutes], ['failed', minutes]] : [['requested', minutes], ['verified', minutes]], error: failed ? { code: 'agent_offline', message: 'no agent connected for de-ws01' } : null });
}

/** An incident whose log starts at T0 (2021-06-02T00:00Z) with scope marks made `minutes` after it. */
function incident(marks: { host: string; state: 'suspected' | 'in_scope' | 'cleared'; minutes: number; entity?: string }[]) {
  const h = new IncidentHarness({ title: 'Ransomware', severity: 'critical' }, { start: at(0) });
  let last = 0;
  for (const m of marks) {
    h.append({ type: 'scope.changed', payload: { kind: 'host', ref: m.host, state: m.state, evidence: 'analyst', entity: m.entity ?? 'uk-ltd' } }, 'user:alice', (m.minutes - last) * 60_000);
    last = m.minutes;
  }
  return projectScope(h.log.map(decodeEvent));
}

describe('scopeChangesFromSweep', () => {
  it('clears suspected and unassessed hosts, puts hosts with findings in scope, keeps a failure on a suspected host as evidence', () => {
    const scope = incident([{ host: 'uk-ws01', state: 'suspected', minutes: 1 }, { host: 'uk-app01', state: 'in_scope', minutes: 2 }, { host: 'de-ws01', state: 'suspected', minutes: 3, entity: 'de-gmbh' }]);
    const records = [
      sweep('uk-ws01', 'uk-ltd', 10, CLEAN),
      sweep('uk-app01', 'uk-ltd', 10, CLEAN),
      sweep('uk-db01', 'uk-ltd', 10, FOUND),
      sweep('uk-dc01', 'uk-ltd', 10, CLEAN),
      sweep('de-ws01', 'de-gmbh', 10, null, true),
      actionRecord({ planId: 'S-1', operation: 'sweep', host: 'de-app01', entity: 'de-gmbh', states: [['requested', 10], ['sent', 10]] }),
    ];
    const changes = scopeChangesFromSweep(records, scope).map((c) => [c.payload.ref, c.payload.state, c.payload.evidence]);
    expect(changes).toEqual([
      ['de-ws01', 'suspected', expect.stringMatching(/failed: agent_offline: no agent connected/)],
      ['uk-db01', 'in_scope', expect.stringMatching(/1 finding: file a{64} \(C:\\Users\\x\\qbot.dll\)/)],
      ['uk-dc01', 'cleared', expect.stringMatching(/clean \(100 files, 20 processes, 5 connections checked in 1.5 s\)/)],
      ['uk-ws01', 'cleared', expect.stringContaining('sweep S-1/')],
    ]);
  });

  it('reads unreadable evidence as a failed sweep', () => {
    const [result] = sweepResultsFromActions([sweep('uk-ws01', 'uk-ltd', 1, { something: 'else' })]);
    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/could not be read/) });
  });

  it('counts a clean sweep only when it is newer than the last in-scope or suspected mark', () => {
    const scope = incident([{ host: 'uk-ws01', state: 'suspected', minutes: 20 }]);
    const item = scope.host[0];
    const [early] = sweepResultsFromActions([sweep('uk-ws01', 'uk-ltd', 10, CLEAN)]);
    const [late] = sweepResultsFromActions([sweep('uk-ws01', 'uk-ltd', 30, CLEAN)]);
    expect(sweptCleanSinceLastMark(early, item)).toBe(false);
    expect(sweptCleanSinceLastMark(late, item)).toBe(true);
    expect(sweptCleanSinceLastMark(late, undefined)).toBe(true);
  });

  it('keeps the latest completed sweep over a later failure', () => {
    const results = sweepResultsFromActions([sweep('uk-ws01', 'uk-ltd', 10, CLEAN), sweep('uk-ws01', 'uk-ltd', 20, null, true)]);
    expect(latestSweeps(results).get('uk-ws01')?.outcome).toBe('clean');
  });
});

describe('regionClearance', () => {
  const emeaHosts = testEstate().hosts.filter((h) => h.entity !== 'jp-hq');
  const allClean = (minutes: number): SweepResult[] => sweepResultsFromActions(emeaHosts.map((h) => sweep(h.hostname, h.entity, minutes, CLEAN)));

  it('counts hosts per region and entity, and lets a region be declared when every host is swept clean', () => {
    const regions = regionClearance(testEstate(), incident([]), allClean(5));
    const emea = regions.find((r) => r.region === 'emea')!;
    expect(emea).toMatchObject({ hosts: 8, sweptClean: 8, inScope: 0, notSwept: 0, canDeclare: true, blockers: [] });
    expect(emea.entities.map((e) => [e.entity, e.hosts, e.canDeclare])).toEqual([['de-gmbh', 2, true], ['uk-ltd', 6, true]]);
    const apac = regions.find((r) => r.region === 'apac')!;
    expect(apac).toMatchObject({ hosts: 3, notSwept: 3, canDeclare: false });
    expect(apac.blockers[0]).toMatch(/3 hosts are not swept clean \(0 failed, 3 not swept\)/);
  });

  it('refuses a region with a host in scope, findings, a failure or a host never swept, unless listed as an exception', () => {
    const scope = incident([{ host: 'uk-app01', state: 'in_scope', minutes: 1 }]);
    const results = [...allClean(5).filter((r) => !['uk-app01', 'uk-db01', 'de-ws01', 'uk-ws01'].includes(r.host)),
      ...sweepResultsFromActions([sweep('uk-app01', 'uk-ltd', 5, CLEAN), sweep('uk-db01', 'uk-ltd', 5, FOUND), sweep('de-ws01', 'de-gmbh', 5, null, true)])];
    const emea = regionClearance(testEstate(), scope, results).find((r) => r.region === 'emea')!;
    expect(emea).toMatchObject({ sweptClean: 4, inScope: 1, findings: 1, sweepFailed: 1, notSwept: 1, canDeclare: false });
    expect(emea.outstanding.map((s) => `${s.host}:${s.status}`)).toEqual(['de-ws01:failed', 'uk-app01:in_scope', 'uk-db01:findings', 'uk-ws01:not_swept']);
    const excepted = regionClearance(testEstate(), scope, results, [{ host: 'de-ws01', reason: 'decommissioned' }, { host: 'uk-ws01', reason: 'powered off, in storage' }, { host: 'uk-app01', reason: 'no' }]);
    const after = excepted.find((r) => r.region === 'emea')!;
    expect(after).toMatchObject({ excepted: 2, inScope: 1, findings: 1, canDeclare: false });
    expect(after.entities.find((e) => e.entity === 'de-gmbh')).toMatchObject({ canDeclare: true, excepted: 1 });
  });

  it('builds the declaration, or refuses it with the blockers (409)', () => {
    const emea = regionClearance(testEstate(), incident([]), allClean(5)).find((r) => r.region === 'emea')!;
    const payload = regionDeclaration(emea, { by: 'emea-lead', exceptions: [], sweeps: ['S-1'] });
    expect(payload).toMatchObject({ region: 'emea', entities: ['de-gmbh', 'uk-ltd'], by: 'emea-lead', evidence: { summary: '8 of 8 hosts swept clean', hosts: 8, sweptClean: 8, sweeps: ['S-1'] } });
    expect(entityClearances(payload).map((c) => [c.payload.ref, c.payload.state])).toEqual([['de-gmbh', 'cleared'], ['uk-ltd', 'cleared']]);
    const apac = regionClearance(testEstate(), incident([]), allClean(5)).find((r) => r.region === 'apac')!;
    const refused = (() => { try { regionDeclaration(apac, { by: 'x', exceptions: [], sweeps: [] }); } catch (e) { return e as UserError; } })();
    expect(refused?.status).toBe(409);
    expect(refused?.details['blockers']).toEqual([expect.stringMatching(/3 hosts are not swept clean/)]);
  });

  it('lets the region’s lead, a commander or an admin declare; not a lead of part of the region', () => {
    const emea = ['de-gmbh', 'uk-ltd'];
    expect(mayDeclare({ username: 'l', role: 'entity_lead', entities: ['uk-ltd', 'de-gmbh'] }, emea)).toBe(true);
    expect(mayDeclare({ username: 'l', role: 'entity_lead', entities: ['uk-ltd'] }, emea)).toBe(false);
    expect(mayDeclare({ username: 'c', role: 'commander', entities: '*' }, emea)).toBe(true);
    expect(mayDeclare({ username: 'r', role: 'responder', entities: '*' }, emea)).toBe(false);
  });
});
