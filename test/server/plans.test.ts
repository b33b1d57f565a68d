/**
 * Containment plans through the API: suggestions from the scope (a Tokyo host in scope, EMEA reachable), a region
 * shutdown approved by the commander and the region's lead (two people) and handed to the executor, and the
 * refusals: the requester alone, roles and entities out of scope, expired approvals, rejection, break-glass,
 * cancellation, duplicates, unknown hosts and suggestions, and a bad policy file at start.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createContext } from '../../src/server/serve.js';
import { UserError } from '../../src/shared/errors.js';
import { ADMIN_PASSWORD, USER_PASSWORD, startHarness, type Harness } from './harness.js';

interface Requirement { name: string; by: string | null; satisfied: boolean; why: string | null }
interface PlanView {
  planId: string;
  status: string;
  kind: string;
  entities: string[];
  actionCount: number;
  outsideIncident: string[];
  started: { by: string; via: string } | null;
  evaluation: { outcome: string; satisfied: boolean; summary: string; requirements: Requirement[]; ignored: { by: string; reason: string }[] };
  execution: { total: number; byState: Record<string, number>; records?: { connector: string; target: { ref: string } }[] } | null;
  impact: { hostsAffected: number; lostPerHour: { unit: string; perHour: number }[] };
}

let clock = Date.parse('2021-06-01T22:00:00Z');
let h: Harness;
const tokens: Record<string, string> = {};

async function addUser(username: string, role: string, entities: string[]): Promise<void> {
  const created = await h.as('admin', 'POST', '/api/users', { username, role, entities, password: USER_PASSWORD });
  if (created.statusCode !== 201) throw new Error(created.body);
  tokens[username] = (await h.app.inject({ method: 'POST', url: '/api/auth/token', payload: { username, password: USER_PASSWORD } })).json<{ token: string }>().token;
}

/** A request as a named user: the harness's role users (rob, cora, uk-lead, vera, admin) or one added here. */
function as(user: string, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const role = { rob: 'responder', cora: 'commander', 'uk-lead': 'entity_lead', vera: 'viewer', admin: 'admin' }[user];
  if (role) return h.as(role as 'admin', method, url, body);
  return h.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${tokens[user] ?? ''}` }, ...(body === undefined ? {} : { payload: body as object }) });
}

async function ok<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

async function openIncident(entities: string[], commander?: string): Promise<string> {
  return (await ok<{ id: string }>(as('cora', 'POST', '/api/incidents', { title: 'Ransomware', severity: 'critical', entities, ...(commander ? { commander } : {}) }), 201)).id;
}

const scope = (id: string, kind: string, ref: string, state: string) =>
  ok(as('cora', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind, ref, state, evidence: 'matrix' } }), 201);

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(clock) });
  await addUser('jp-lead', 'entity_lead', ['jp-hq']);
  await addUser('ria', 'responder', ['jp-hq']);
});
afterAll(() => h.close());

describe('a region shutdown, from suggestion to the executor', () => {
  let id: string;

  it('suggests isolating the Tokyo host, cutting its segment and a precautionary EMEA shutdown', async () => {
    id = await openIncident(['jp-hq'], 'cora');
    await scope(id, 'host', 'jp-fs01', 'in_scope');
    const { suggestions } = await ok<{ suggestions: { key: string; plan: PlanView; evaluation: PlanView['evaluation'] }[] }>(as('rob', 'GET', `/api/incidents/${id}/plans/suggestions`));
    const keys = suggestions.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['isolate_hosts:jp-hq', 'cut_segment_links:jp-dc', 'shutdown_region:emea']));
    const emea = suggestions.find((s) => s.key === 'shutdown_region:emea')!;
    expect(emea.plan.impact.lostPerHour).toEqual([{ unit: 'orders', perHour: 120 }]);
    expect(emea.evaluation.requirements.map((r) => r.name)).toEqual(['incident-commander', 'region-lead']);
    expect((await as('uk-lead', 'GET', `/api/incidents/${id}/plans/suggestions`)).statusCode).toBe(404);
  });

  it('needs the commander and the region lead, two different people, then hands the actions to the executor', async () => {
    const proposed = await ok<PlanView>(as('cora', 'POST', `/api/incidents/${id}/plans`, { suggestion: 'shutdown_region:emea' }), 201);
    expect(proposed).toMatchObject({ planId: 'P-0001', status: 'awaiting_approval', kind: 'shutdown_region', outsideIncident: ['uk-ltd'] });
    const mine = await ok<PlanView>(as('cora', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, { comment: 'EMEA must not be next' }));
    expect(mine.status).toBe('awaiting_approval');
    expect(mine.evaluation.requirements[0]).toMatchObject({ name: 'incident-commander', by: 'cora', satisfied: false });
    expect((await as('cora', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {})).statusCode).toBe(403);
    await scope(id, 'entity', 'uk-ltd', 'suspected');
    const started = await ok<PlanView>(as('uk-lead', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {}));
    expect(started).toMatchObject({ status: 'running', started: { by: 'uk-lead', via: 'approval' }, outsideIncident: [] });
    expect(started.evaluation).toMatchObject({ outcome: 'satisfied', summary: 'approved (incident-commander: cora, region-lead: uk-lead)' });
    expect(started.execution?.total).toBe(2);
    const detail = await ok<PlanView>(as('vera', 'GET', `/api/incidents/${id}/plans/P-0001`));
    expect(detail.execution?.records?.map((r) => `${r.connector} ${r.target.ref}`).sort()).toEqual(['agent uk-app01', 'agent uk-ws01']);
    const events = await ok<{ items: { type: string }[] }>(as('vera', 'GET', `/api/incidents/${id}/events`));
    expect(events.items.map((e) => e.type).filter((t) => t.startsWith('plan.'))).toEqual(['plan.proposed', 'plan.approved', 'plan.approved', 'plan.started']);
    expect((await as('admin', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {})).statusCode).toBe(409);
  });

  it('names the plan that already asks for a suggestion, and leaves the hosts it isolates out of new isolations', async () => {
    type Suggestions = { suggestions: { key: string; existing: { planId: string; status: string } | null }[]; notes: string[] };
    const note = '1 host in scope or suspected is isolated already by a running or completed plan';
    const before = await ok<Suggestions>(as('cora', 'GET', `/api/incidents/${id}/plans/suggestions`));
    expect(before.suggestions.find((s) => s.key === 'isolate_hosts:jp-hq')?.existing).toBeNull();
    expect(before.notes).not.toContain(note);
    const isolation = await ok<PlanView>(as('cora', 'POST', `/api/incidents/${id}/plans`, { suggestion: 'isolate_hosts:jp-hq' }), 201);
    const asked = await ok<Suggestions>(as('cora', 'GET', `/api/incidents/${id}/plans/suggestions`));
    expect(asked.suggestions.find((s) => s.key === 'isolate_hosts:jp-hq')?.existing).toEqual({ planId: isolation.planId, status: 'awaiting_approval' });
    // P-0001 (running) isolates uk-ws01 already: a suspicion on it proposes no second isolation.
    await scope(id, 'host', 'uk-ws01', 'suspected');
    const after = await ok<Suggestions>(as('cora', 'GET', `/api/incidents/${id}/plans/suggestions`));
    expect(after.suggestions.map((s) => s.key)).not.toContain('isolate_hosts:uk-ltd');
    expect(after.notes).toContain(note);
    await ok(as('cora', 'POST', `/api/incidents/${id}/plans/${isolation.planId}/cancel`, {}));
  });

  it('lists the plans, and rolls one back at the request of its entity lead', async () => {
    const list = await ok<{ items: PlanView[] }>(as('uk-lead', 'GET', `/api/incidents/${id}/plans`));
    expect(list.items.map((p) => [p.planId, p.status, p.actionCount])).toEqual([['P-0001', 'running', 2]]);
    expect((await as('rob', 'POST', `/api/incidents/${id}/plans/P-0001/rollback`, {})).statusCode).toBe(403);
    expect((await as('uk-lead', 'POST', `/api/incidents/${id}/plans/P-0001/rollback`, { actionIds: ['a9999'] })).statusCode).toBe(422);
    expect((await ok<PlanView>(as('uk-lead', 'POST', `/api/incidents/${id}/plans/P-0001/rollback`, { actionIds: ['a0001'], reason: 'uk-ws01 swept clean' }))).status).toBe('rolling_back');
    const rolled = await ok<PlanView>(as('uk-lead', 'POST', `/api/incidents/${id}/plans/P-0001/rollback`, { reason: 'EMEA swept clean' }));
    expect(rolled.status).toBe('rolling_back');
  });
});

describe('refusals', () => {
  let jp: string;
  let uk: string;

  beforeAll(async () => {
    jp = await openIncident(['jp-hq']);
    uk = await openIncident(['uk-ltd']);
  });

  it('validates what is asked for', async () => {
    expect((await as('vera', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } })).statusCode).toBe(403);
    const unknown = await as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws99'] } });
    expect(unknown.statusCode).toBe(404);
    const split = await as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01', 'uk-ws01'] } });
    expect(split.statusCode).toBe(422);
    expect(split.json<{ error: { issues: { hint: string }[] } }>().error.issues[0]?.hint).toContain('one isolate_hosts plan per entity');
    const badKind = await as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'nuke', target: {} });
    expect(badKind.statusCode).toBe(400);
    const noSuggestion = await as('rob', 'POST', `/api/incidents/${jp}/plans`, { suggestion: 'shutdown_region:mars' });
    expect(noSuggestion.statusCode).toBe(404);
    expect((await as('uk-lead', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } })).statusCode).toBe(404);
    expect((await as('uk-lead', 'POST', `/api/incidents/${uk}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } })).statusCode).toBe(403);
    expect((await as('rob', 'GET', `/api/incidents/${jp}/plans/P-0042`)).statusCode).toBe(404);
  });

  it('never lets the requester approve alone, and refuses a duplicate while the first is open', async () => {
    const plan = await ok<PlanView>(as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } }), 201);
    expect(plan.planId).toBe('P-0001');
    const dup = await as('ria', 'POST', `/api/incidents/${jp}/plans`, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } });
    expect(dup.statusCode).toBe(409);
    const alone = await as('rob', 'POST', `/api/incidents/${jp}/plans/P-0001/approve`, {});
    expect(alone.statusCode).toBe(403);
    expect(alone.json<{ error: { message: string } }>().error.message).toContain('the requester cannot approve alone');
    const other = await ok<PlanView>(as('ria', 'POST', `/api/incidents/${jp}/plans/P-0001/approve`, {}));
    expect(other).toMatchObject({ status: 'running', started: { by: 'ria' } });
  });

  it('refuses roles and entities out of scope; a rejection by the lead ends the plan', async () => {
    await ok(as('cora', 'POST', `/api/incidents/${uk}/plans`, { kind: 'cut_segment_links', target: { segment: 'uk-office' } }), 201);
    const responder = await as('rob', 'POST', `/api/incidents/${uk}/plans/P-0001/approve`, {});
    expect(responder.statusCode).toBe(403);
    expect(responder.json<{ error: { message: string } }>().error.message).toContain('rob is responder; needs entity_lead');
    expect((await as('jp-lead', 'POST', `/api/incidents/${uk}/plans/P-0001/approve`, {})).statusCode).toBe(404);
    expect((await as('rob', 'POST', `/api/incidents/${uk}/plans/P-0001/reject`, { reason: 'no' })).statusCode).toBe(403);
    const rejected = await ok<PlanView>(as('uk-lead', 'POST', `/api/incidents/${uk}/plans/P-0001/reject`, { reason: 'the WAN link carries payroll' }));
    expect(rejected.status).toBe('rejected');
    expect((await as('uk-lead', 'POST', `/api/incidents/${uk}/plans/P-0001/approve`, {})).statusCode).toBe(409);
    expect((await as('uk-lead', 'POST', `/api/incidents/${uk}/plans/P-0001/reject`, {})).statusCode).toBe(400);
  });

  it('does not count an approval after it expired', async () => {
    const id = await openIncident(['jp-hq', 'uk-ltd'], 'cora');
    await ok(as('rob', 'POST', `/api/incidents/${id}/plans`, { kind: 'shutdown_region', target: { region: 'emea' } }), 201);
    await ok(as('cora', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {}));
    clock += 5 * 3600_000;
    const late = await ok<PlanView>(as('uk-lead', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {}));
    expect(late.status).toBe('awaiting_approval');
    expect(late.evaluation.ignored).toEqual([expect.objectContaining({ by: 'cora', reason: expect.stringContaining('expired at') })]);
    const again = await ok<PlanView>(as('cora', 'POST', `/api/incidents/${id}/plans/P-0001/approve`, {}));
    expect(again).toMatchObject({ status: 'running', started: { by: 'cora' } });
  });

  it('breaks the glass for a commander with a reason, loudly', async () => {
    await ok(as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'shutdown_entity', target: { entity: 'jp-hq' } }), 201);
    expect((await as('rob', 'POST', `/api/incidents/${jp}/plans/P-0002/break-glass`, { reason: 'ransomware spreading across Tokyo now' })).statusCode).toBe(403);
    expect((await as('cora', 'POST', `/api/incidents/${jp}/plans/P-0002/break-glass`, { reason: 'now' })).statusCode).toBe(422);
    const run = await ok<PlanView>(as('cora', 'POST', `/api/incidents/${jp}/plans/P-0002/break-glass`, { reason: 'ransomware spreading across Tokyo now' }));
    expect(run).toMatchObject({ status: 'running', started: { via: 'break_glass' }, evaluation: { outcome: 'break_glass' } });
    const view = await ok<{ timeline: { description: string }[] }>(as('vera', 'GET', `/api/incidents/${jp}`));
    expect(view.timeline.map((t) => t.description)).toContain('BREAK-GLASS: cora (commander) ran P-0002 without approval: ransomware spreading across Tokyo now');
  });

  it('lets the requester or a commander cancel a plan that has not started', async () => {
    await ok(as('rob', 'POST', `/api/incidents/${jp}/plans`, { kind: 'cut_segment_external', target: { segment: 'jp-office' } }), 201);
    expect((await as('ria', 'POST', `/api/incidents/${jp}/plans/P-0003/cancel`, {})).statusCode).toBe(403);
    expect((await ok<PlanView>(as('rob', 'POST', `/api/incidents/${jp}/plans/P-0003/cancel`, { reason: 'gateway replaced' }))).status).toBe('cancelled');
    expect((await as('rob', 'POST', `/api/incidents/${jp}/plans/P-0003/cancel`, {})).statusCode).toBe(409);
  });

  it('shows the policy in force', async () => {
    const { source } = await ok<{ source: { name: string } }>(as('vera', 'GET', '/api/policy'));
    expect(source.name).toBe('firebreak-default');
  });
});

describe('a bad policy file', () => {
  it('stops the server at start with the file, line, field and a hint', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-policy-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'format: 1\nname: bad\nversion: "1"\napprovalTtl: 4h\nrules:\n  - name: r1\n    kinds: [shutdown]\n    approvals: [{ name: a, roles: [commander], scope: any }]\n');
    const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD, FIREBREAK_POLICY: file });
    let error: unknown;
    try {
      createContext(h.ctx.store, config);
    } catch (caught) {
      error = caught;
    }
    await rm(dir, { recursive: true, force: true });
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).issues[0]).toMatchObject({ file, line: 7, field: 'rules[0].kinds[0]', hint: expect.stringContaining('shutdown_region') });
  });
});
