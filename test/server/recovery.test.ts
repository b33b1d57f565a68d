/**
 * Recovery over HTTP: Tokyo's domain controller and file server isolated, EMEA shut down as a precaution;
 * recovery plans per region, gates recorded by the right people, steps refused until their gates pass, EMEA
 * restored while APAC is still gated, then APAC; the backlog follows. Fake agents answer through the executor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import type { RecoveryView } from '../../src/respond/index.js';
import { until } from '../executor/support.js';
import { BAD_HASH, recoveryWorld, type RecoveryWorld } from '../respond/recovery-fakes.js';

let w: RecoveryWorld;
let id: string;

const recovery = async (rid: string) => (await w.as('commander', 'GET', `/api/incidents/${id}/recovery/${rid}`)).json<RecoveryView>();
const statuses = async (rid: string) => (await recovery(rid)).steps.map((s) => s.status);
const planStatus = async (planId: string) => (await w.as('commander', 'GET', `/api/incidents/${id}/plans/${planId}?records=none`)).json<{ status: string }>().status;
const gate = (role: 'responder' | 'entity_lead' | 'commander', rid: string, body: Record<string, unknown>) => w.as(role, 'POST', `/api/incidents/${id}/recovery/${rid}/gates`, { evidence: 'done and checked', ...body });
const run = (role: 'responder' | 'entity_lead' | 'commander', rid: string, step: number) => w.as(role, 'POST', `/api/incidents/${id}/recovery/${rid}/steps/${step}/run`, {});

async function sweepAndApprove(body: Record<string, unknown>, approver: 'entity_lead' | 'responder') {
  const sweep = await w.as('commander', 'POST', `/api/incidents/${id}/sweeps`, { ...body, indicators: { sha256: [BAD_HASH] } });
  expect(sweep.statusCode, sweep.body).toBe(201);
  const planId = sweep.json<{ planId: string }>().planId;
  expect((await w.as(approver, 'POST', `/api/incidents/${id}/plans/${planId}/approve`, {})).statusCode).toBe(200);
  await until(`sweep ${planId} done`, async () => (await planStatus(planId)) === 'completed');
  // Reading the clearance records the sweep's results (it would happen on the bus anyway).
  expect((await w.as('commander', 'GET', `/api/incidents/${id}/scope/regions`)).statusCode).toBe(200);
}

beforeAll(async () => {
  w = await recoveryWorld();
  id = (await w.as('commander', 'POST', '/api/incidents', { title: 'Ransomware at Tokyo HQ', severity: 'critical', entities: ['jp-hq', 'uk-ltd'] })).json<{ id: string }>().id;
  await w.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-fs01', state: 'in_scope', evidence: 'ransom note' } });
  await w.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-dc01', state: 'suspected', evidence: 'logons from jp-fs01' } });
  expect((await w.as('commander', 'POST', `/api/incidents/${id}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-dc01', 'jp-fs01'] } })).statusCode).toBe(201);
  expect((await w.as('commander', 'POST', `/api/incidents/${id}/plans/P-0001/break-glass`, { reason: 'domain controller is spreading the ransomware now' })).statusCode).toBe(200);
  expect((await w.as('commander', 'POST', `/api/incidents/${id}/plans`, { kind: 'shutdown_region', target: { region: 'emea' } })).statusCode).toBe(201);
  await w.as('entity_lead', 'POST', `/api/incidents/${id}/plans/P-0002/approve`, {});
  await w.as('commander', 'POST', `/api/incidents/${id}/plans/P-0002/approve`, {});
  await until('containment is in place', async () => (await planStatus('P-0001')) === 'completed' && (await planStatus('P-0002')) === 'completed');
});
afterAll(() => w.close());

describe('recovery', () => {
  it('plans each region in dependency order with its gates, and notes dependencies in another region', async () => {
    const apac = await w.as('commander', 'POST', `/api/incidents/${id}/recovery`, { region: 'apac' });
    expect(apac.statusCode, apac.body).toBe(201);
    const a = apac.json<RecoveryView>();
    expect(a.plan.recoveryId).toBe('R-0001');
    expect(a.steps.map((s) => [s.n, s.tier, s.services, s.hosts, s.dependsOn, s.status])).toEqual([
      [1, 'identity', ['identity'], ['jp-dc01'], [], 'waiting_gates'],
      [2, 'hosts', [], ['jp-fs01'], [1], 'blocked'],
    ]);
    expect(a.steps[0]!.gates.map((g) => g.gate)).toEqual(['clean_sweep', 'credentials_reset', 'approval']);
    expect(a.steps[0]!.actions).toEqual([expect.objectContaining({ connector: 'agent', operation: 'release', target: expect.objectContaining({ ref: 'jp-dc01' }) })]);
    const emea = (await w.as('entity_lead', 'POST', `/api/incidents/${id}/recovery`, { region: 'emea' })).json<RecoveryView>();
    expect(emea.plan.recoveryId).toBe('R-0002');
    expect(emea.steps[0]).toMatchObject({ services: ['uk-orders'], hosts: ['uk-app01'], externalDependencies: ['identity'] });
    expect((await w.as('entity_lead', 'POST', `/api/incidents/${id}/recovery`, { region: 'apac' })).statusCode).toBe(403);
    expect((await w.as('entity_lead', 'GET', `/api/incidents/${id}/recovery`)).json<{ items: RecoveryView[] }>().items.map((v) => v.plan.recoveryId)).toEqual(['R-0002']);
  });

  it('refuses a step until its gates pass, and checks who records each gate', async () => {
    const refused = await run('commander', 'R-0001', 1);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'conflict', details: { gates: expect.arrayContaining([expect.stringMatching(/^clean_sweep: 1 of 1 host not swept clean/)]) } } });
    expect((await run('commander', 'R-0001', 2)).json<{ error: { message: string } }>().error.message).toMatch(/waiting for step 1/);
    // R-0001 is APAC's: the UK lead does not even see it.
    expect((await gate('entity_lead', 'R-0001', { step: 1, gate: 'approval' })).statusCode).toBe(404);
    expect((await gate('responder', 'R-0001', { step: 1, gate: 'approval' })).statusCode).toBe(403);
    expect((await gate('responder', 'R-0001', { step: 1, gate: 'clean_sweep' })).statusCode).toBe(400);
    const noBackup = await gate('responder', 'R-0001', { step: 1, gate: 'backup_verified', subject: 'uk-crm' });
    expect(noBackup.statusCode).toBe(422);
    expect(noBackup.json()).toMatchObject({ error: { issues: [{ field: 'body.gate', hint: 'its gates: clean_sweep, credentials_reset, approval' }] } });
    expect((await gate('responder', 'R-0001', { step: 9, gate: 'approval' })).statusCode).toBe(404);
    const reset = await gate('responder', 'R-0001', { step: 1, gate: 'credentials_reset', evidence: 'krbtgt reset twice, all admin passwords rotated (CHG-1042)' });
    expect(reset.statusCode, reset.body).toBe(201);
    expect(reset.json<RecoveryView>().steps[0]!.gateStatus.find((g) => g.gate === 'credentials_reset')).toMatchObject({ passed: true, subject: 'identity', record: { by: 'rob' } });
  });

  it('restores EMEA while APAC is still gated, then APAC, and the backlog follows', async () => {
    const before = (await w.as('commander', 'GET', `/api/incidents/${id}/backlog`)).json<{ services: { id: string; state: string; lostPerHour: number }[] }>();
    expect(before.services.find((s) => s.id === 'uk-orders')).toMatchObject({ state: 'down', lostPerHour: 120 });

    await sweepAndApprove({ region: 'emea' }, 'entity_lead');
    expect((await gate('entity_lead', 'R-0002', { step: 1, gate: 'approval' })).statusCode).toBe(201);
    expect((await run('entity_lead', 'R-0002', 1)).statusCode).toBe(202);
    await until('EMEA step 1 completed', async () => (await statuses('R-0002'))[0] === 'completed');
    expect(w.fleet.isolated.has('uk-app01')).toBe(false);
    expect(w.fleet.isolated.has('jp-dc01')).toBe(true);
    expect(await statuses('R-0001')).toEqual(['waiting_gates', 'blocked']);

    await sweepAndApprove({ hosts: ['jp-dc01', 'jp-fs01'] }, 'responder');
    await until('Japan swept', async () => (await recovery('R-0001')).steps[0]!.gateStatus[0]!.passed);
    expect((await gate('commander', 'R-0001', { step: 1, gate: 'approval', evidence: 'AD rebuilt from the 31 May backup, verified' })).statusCode).toBe(201);
    expect((await run('responder', 'R-0001', 1)).statusCode).toBe(202);
    await until('APAC step 1 completed', async () => (await statuses('R-0001'))[0] === 'completed');
    expect(await statuses('R-0001')).toEqual(['completed', 'waiting_gates']);
    await gate('commander', 'R-0001', { step: 2, gate: 'approval' });
    expect((await run('commander', 'R-0001', 2)).statusCode).toBe(202);
    await until('APAC restored', async () => (await recovery('R-0001')).status === 'completed');
    expect([...w.fleet.isolated]).toEqual(['uk-ws01']);

    const backlog = await w.as('viewer', 'GET', `/api/incidents/${id}/backlog?surge=1.5&stepMinutes=5`);
    expect(backlog.statusCode).toBe(200);
    const view = backlog.json<{ surge: number; services: { id: string; state: string; restoredAt: string | null; restoredBy: { recoveryId: string }[]; unit: string | null }[]; regions: { id: string; units: { unit: string }[] }[] }>();
    expect(view.surge).toBe(1.5);
    expect(view.services.find((s) => s.id === 'uk-orders')).toMatchObject({ state: 'restored', unit: 'orders', restoredAt: expect.any(String), restoredBy: [{ recoveryId: 'R-0002' }] });
    expect(view.regions.find((r) => r.id === 'emea')?.units.map((u) => u.unit)).toEqual(['orders']);
    const log = (await w.as('commander', 'GET', `/api/incidents/${id}/events`)).json<{ items: { type: string }[] }>().items.map((e) => e.type);
    for (const type of ['recovery.planned', 'recovery.gate_recorded', 'recovery.step_started', 'recovery.step_completed']) expect(log).toContain(type);
    expect((await w.as('commander', 'GET', `/api/incidents/${id}/verify`)).json<{ ok: boolean }>().ok).toBe(true);
  });

  it('validates requests with the field that is wrong', async () => {
    expect((await w.as('commander', 'POST', `/api/incidents/${id}/recovery`, { region: 'emea', entity: 'uk-ltd' })).statusCode).toBe(400);
    expect((await w.as('commander', 'POST', `/api/incidents/${id}/recovery`, { region: 'mars' })).statusCode).toBe(404);
    expect((await w.as('commander', 'GET', `/api/incidents/${id}/recovery/R-0042`)).statusCode).toBe(404);
    expect((await w.as('commander', 'GET', `/api/incidents/${id}/backlog?surge=1`)).statusCode).toBe(400);
    expect((await w.as('viewer', 'POST', `/api/incidents/${id}/recovery`, { region: 'emea' })).statusCode).toBe(403);
  });

  it('answers the same through the CLI', async () => {
    await w.app.listen({ host: '127.0.0.1', port: 0 });
    const address = w.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
      const code = await main(['node', 'firebreak', ...args], output, { FIREBREAK_URL: url, FIREBREAK_TOKEN: w.h.tokens.commander, XDG_CONFIG_HOME: '/nonexistent' });
      return { code, out, err };
    };
    const list = await cli('recovery', 'list', id);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/R-0001\s+Restore region apac\s+completed\s+2\/2/);
    const show = await cli('recovery', 'show', id, 'R-0002');
    expect(show.out).toMatch(/1\. Application: UK order intake \[completed\]/);
    expect(show.out).toMatch(/\[x\] approval: recorded by uk-lead/);
    const backlog = await cli('backlog', id, '--surge', '1.5');
    expect(backlog.code, backlog.err).toBe(0);
    expect(backlog.out).toMatch(/uk-orders\s+uk-ltd\s+restored/);
    const regions = await cli('scope', 'regions', id);
    expect(regions.out).toMatch(/emea \(Europe, Middle East and Africa\)\s+2\s+2/);
    const refused = await cli('scope', 'clear', id, 'apac', '--except', 'jp-ws01=spare laptop in a drawer');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot be declared out of scope/);
    const bad = await cli('sweep', id, '--region', 'emea', '--entity', 'uk-ltd');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/exactly one of --entity, --region or --hosts/);
    const gate = await cli('recovery', 'gate', id, 'R-0001', '--step', '1', '--gate', 'clean_sweep', '--evidence', 'x');
    expect(gate.err).toMatch(/not a gate people record/);
  });
});
