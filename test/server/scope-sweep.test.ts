/**
 * Scope confirmation over HTTP: a precautionary shutdown of EMEA, a sweep that proves EMEA clean, the region's
 * lead declaring it out of scope, and the shutdown rolled back early. Fake agents answer the sweeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../src/incident/index.js';
import { until } from '../executor/support.js';
import { BAD_HASH, recoveryWorld, type RecoveryWorld } from '../respond/recovery-fakes.js';

let w: RecoveryWorld;
let id: string;

interface RegionView { region: string; hosts: number; sweptClean: number; inScope: number; findings: number; sweepFailed: number; notSwept: number; canDeclare: boolean; blockers: string[]; entities: { entity: string }[] }

const regions = async (role: 'commander' | 'entity_lead' = 'commander') => (await w.as(role, 'GET', `/api/incidents/${id}/scope/regions`)).json<{ regions: RegionView[]; declared: unknown[]; scoped: boolean }>();
const region = async (name: string) => (await regions()).regions.find((r) => r.region === name)!;
const planStatus = async (planId: string) => (await w.as('commander', 'GET', `/api/incidents/${id}/plans/${planId}?records=none`)).json<{ status: string }>().status;
const logOf = async (): Promise<IncidentEvent[]> => (await w.as('commander', 'GET', `/api/incidents/${id}/events`)).json<{ items: IncidentEvent[] }>().items;

beforeAll(async () => {
  w = await recoveryWorld();
  const opened = await w.as('commander', 'POST', '/api/incidents', { title: 'Qbot in Tokyo', severity: 'critical', entities: ['jp-hq', 'uk-ltd'] });
  id = opened.json<{ id: string }>().id;
  const mark = (ref: string, state: string) => w.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref, state, evidence: 'analyst' } });
  expect((await mark('jp-fs01', 'in_scope')).statusCode).toBe(201);
  expect((await mark('uk-ws01', 'suspected')).statusCode).toBe(201);
});
afterAll(() => w.close());

describe('sweeps and scope confirmation', () => {
  it('ends a precautionary shutdown of EMEA early once its lead declares it swept clean', async () => {
    const shutdown = await w.as('commander', 'POST', `/api/incidents/${id}/plans`, { kind: 'shutdown_region', target: { region: 'emea' } });
    expect(shutdown.statusCode, shutdown.body).toBe(201);
    expect((await w.as('entity_lead', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {})).statusCode).toBe(200);
    expect((await w.as('commander', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {})).statusCode).toBe(200);
    await until('EMEA is shut down', async () => (await planStatus('P-0001')) === 'completed');
    expect([...w.fleet.isolated].sort()).toEqual(['uk-app01', 'uk-ws01']);

    const sweep = await w.as('responder', 'POST', `/api/incidents/${id}/sweeps`, { region: 'emea', indicators: { sha256: [BAD_HASH], remote: ['203.0.113.9'] } });
    expect(sweep.statusCode, sweep.body).toBe(201);
    expect(sweep.json()).toMatchObject({ planId: 'P-0002', indicators: { sha256: 1, processNames: 0, remote: 1 }, plan: { kind: 'sweep', status: 'awaiting_approval', actionCount: 2 } });
    expect((await w.as('entity_lead', 'POST', `/api/incidents/${id}/plans/P-0002/approve`, {})).statusCode).toBe(200);
    await until('EMEA can be declared out of scope', async () => (await region('emea')).canDeclare);
    expect(await region('emea')).toMatchObject({ hosts: 2, sweptClean: 2, inScope: 0, notSwept: 0, blockers: [] });
    const cleared = (await logOf()).find((e) => e.type === 'scope.changed' && (e.payload as { ref: string }).ref === 'uk-ws01' && (e.payload as { state: string }).state === 'cleared');
    expect((cleared?.payload as { evidence: string }).evidence).toMatch(/^sweep INC-\d+-P-0002\/a\d+ at .*: clean \(1200 files, 80 processes, 12 connections checked in 0.9 s\)$/);

    expect((await w.as('responder', 'POST', `/api/incidents/${id}/scope/regions/emea/clear`, {})).statusCode).toBe(403);
    const declared = await w.as('entity_lead', 'POST', `/api/incidents/${id}/scope/regions/emea/clear`, { note: 'EMEA was never reached' });
    expect(declared.statusCode, declared.body).toBe(201);
    expect(declared.json()).toMatchObject({
      declaration: { region: 'emea', entities: ['uk-ltd'], by: 'uk-lead', evidence: { summary: '2 of 2 hosts swept clean', sweeps: [expect.stringMatching(/-P-0002$/)] } },
      shutdown: [{ planId: 'P-0001', kind: 'shutdown_region', outcome: 'rollback_requested' }],
    });
    await until('EMEA is back', () => w.fleet.isolated.size === 0 && w.gateway.cut.size === 0);
    await until('the shutdown plan is rolled back', async () => (await planStatus('P-0001')) === 'rolled_back');
    const log = await logOf();
    expect(log.some((e) => e.type === 'scope.region_cleared')).toBe(true);
    expect(log.some((e) => e.type === 'scope.changed' && (e.payload as { kind: string; ref: string; state: string }).kind === 'entity' && (e.payload as { ref: string }).ref === 'uk-ltd')).toBe(true);
    expect((await regions()).declared).toEqual([expect.objectContaining({ region: 'emea', by: 'uk-lead' })]);
  });

  it('refuses to declare a region that is not swept clean, with the reasons, and keeps findings in scope', async () => {
    const refused = await w.as('commander', 'POST', `/api/incidents/${id}/scope/regions/apac/clear`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'conflict', details: { blockers: expect.arrayContaining([expect.stringMatching(/1 host is in scope/)]) } } });
    w.fleet.answers.set('jp-fs01', 'findings');
    w.fleet.answers.set('jp-dc01', 'offline');
    const sweep = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { entity: 'jp-hq', indicators: { sha256: [BAD_HASH] } });
    expect(sweep.statusCode, sweep.body).toBe(201);
    const planId = sweep.json<{ planId: string }>().planId;
    expect((await w.as('responder', 'POST', `/api/incidents/${id}/plans/${planId}/approve`, {})).statusCode).toBe(200);
    await until('the sweep of Japan is recorded', async () => (await region('apac')).notSwept === 0);
    expect(await region('apac')).toMatchObject({ hosts: 3, sweptClean: 1, inScope: 1, sweepFailed: 1, canDeclare: false });
    const withException = await w.as('commander', 'POST', `/api/incidents/${id}/scope/regions/apac/clear`, { exceptions: [{ host: 'jp-dc01', reason: 'powered off since 1 June' }] });
    expect(withException.statusCode).toBe(409);
    expect(withException.json<{ error: { message: string } }>().error.message).toMatch(/1 host is in scope/);
    const finding = (await logOf()).filter((e) => e.type === 'scope.changed' && (e.payload as { ref: string }).ref === 'jp-fs01').at(-1);
    expect(finding?.payload).toMatchObject({ state: 'in_scope', evidence: expect.stringMatching(/1 finding: file e{64} \(C:\\ProgramData\\qbot.dll\)/) });
  });

  it('shows an entity lead only its own entities, and refuses what it may not do', async () => {
    const mine = await regions('entity_lead');
    expect(mine.scoped).toBe(true);
    expect(mine.regions.map((r) => [r.region, r.entities.map((e) => e.entity)])).toEqual([['emea', ['uk-ltd']]]);
    expect((await w.as('entity_lead', 'POST', `/api/incidents/${id}/sweeps`, { region: 'apac', indicators: { sha256: [BAD_HASH] } })).statusCode).toBe(403);
    expect((await w.as('entity_lead', 'POST', `/api/incidents/${id}/scope/regions/apac/clear`, {})).statusCode).toBe(403);
    expect((await w.as('viewer', 'POST', `/api/incidents/${id}/sweeps`, { region: 'emea' })).statusCode).toBe(403);
  });

  it('rejects bad sweep requests with the field and a hint', async () => {
    const both = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { region: 'emea', entity: 'uk-ltd', indicators: { sha256: [BAD_HASH] } });
    expect(both.statusCode).toBe(400);
    expect(both.json<{ error: { message: string } }>().error.message).toMatch(/exactly one of entity, region or hosts/);
    const unknown = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { hosts: ['nope-01'], indicators: { sha256: [BAD_HASH] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { issues: [{ field: 'body.hosts', message: 'no host "nope-01"' }] } });
    const none = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { region: 'emea', fromAlerts: false });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ error: { issues: [{ field: 'body.indicators', hint: expect.stringMatching(/sha256, processNames or remote/) }] } });
    const badHash = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { region: 'emea', indicators: { sha256: ['xyz'] } });
    expect(badHash.statusCode).toBe(400);
    expect(badHash.json<{ error: { message: string } }>().error.message).toMatch(/indicators\.sha256\.0: expected a SHA-256/);
    const badRegion = await w.as('commander', 'POST', `/api/incidents/${id}/scope/regions/mars/clear`, {});
    expect(badRegion.statusCode).toBe(404);
  });
});
