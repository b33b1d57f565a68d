/**
 * Every route, every role: who may do what, scoped per entity. The UK entity lead sees and acts on UK assets only.
 * The last test checks that no route was left out of the matrix.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/store/types.js';
import { startHarness, type Harness } from './harness.js';

type Who = Role | null;

/** A complete customer statement (no blanks), for the notice rows. */
const STATEMENT = 'We are responding to a cybersecurity incident; orders are delayed.\n';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const WHO: Who[] = [null, 'viewer', 'responder', 'entity_lead', 'commander', 'admin'];

interface Case {
  method: string;
  url: string;
  /** Route pattern as registered, to check coverage. */
  route: string;
  body?: unknown;
  /**
   * Expected status for: anonymous, viewer, responder, entity_lead (UK), commander, admin. Roles run in that
   * order, so a change the commander made leaves the admin's identical request a no-op (409).
   */
  expect: [number, number, number, number, number, number];
}

let h: Harness;
let jpIncident: string;
let ukIncident: string;
let jpAgent: string;
let ukAgent: string;

/** Enrols an agent bound to an estate host, the way `firebreak agent --enrol` does. */
async function enrolAgent(host: string): Promise<string> {
  const token = (await h.as('admin', 'POST', '/api/agents/enrolment-tokens', { host })).json<{ token: string }>().token;
  const res = await h.app.inject({ method: 'POST', url: '/api/agents/enrol', payload: { token, hostname: host } });
  return res.json<{ agentId: string }>().agentId;
}

beforeAll(async () => {
  h = await startHarness();
  const jp = await h.as('admin', 'POST', '/api/incidents', { title: 'Ransomware in Tokyo', severity: 'critical', entities: ['jp-hq'] });
  const uk = await h.as('admin', 'POST', '/api/incidents', { title: 'Phishing in the UK', severity: 'medium', entities: ['uk-ltd'] });
  jpIncident = jp.json<{ id: string }>().id;
  ukIncident = uk.json<{ id: string }>().id;
  jpAgent = await enrolAgent('jp-fs01');
  ukAgent = await enrolAgent('uk-app01');
});
// Plans for the plan routes, proposed by the admin so that the other roles' approvals may count.
beforeAll(async () => {
  const plans: [string, unknown][] = [
    [ukIncident, { kind: 'isolate_hosts', target: { hosts: ['uk-ws01'] } }], // P-0001: approve, then roll back
    [ukIncident, { kind: 'cut_segment_links', target: { segment: 'uk-office' } }], // P-0002: reject
    [ukIncident, { kind: 'shutdown_entity', target: { entity: 'uk-ltd' } }], // P-0003: break-glass
    [ukIncident, { kind: 'shutdown_region', target: { region: 'emea' } }], // P-0004: cancel
    [jpIncident, { kind: 'isolate_hosts', target: { hosts: ['jp-ws01'] } }], // P-0001: approve
  ];
  for (const [incident, body] of plans) {
    const res = await h.as('admin', 'POST', `/api/incidents/${incident}/plans`, body);
    if (res.statusCode !== 201) throw new Error(`proposing a plan: ${res.statusCode} ${res.body}`);
  }
});
afterAll(() => h.close());

function cases(): Case[] {
  const jp = jpIncident;
  const uk = ukIncident;
  return [
    { method: 'GET', url: '/api/health', route: '/api/health', expect: [200, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/openapi.json', route: '/api/openapi.json', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/auth/me', route: '/api/auth/me', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/tokens', route: '/api/tokens', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/tokens', route: '/api/tokens', body: { name: 'script' }, expect: [401, 201, 201, 201, 201, 201] },
    { method: 'GET', url: '/api/users', route: '/api/users', expect: [401, 403, 403, 403, 403, 200] },
    { method: 'POST', url: '/api/users', route: '/api/users', body: { username: 'newbie', role: 'viewer', entities: ['uk-ltd'], password: 'another-long-password' }, expect: [401, 403, 403, 403, 403, 201] },
    { method: 'PATCH', url: '/api/users/vera', route: '/api/users/:username', body: { displayName: 'Vera V.' }, expect: [401, 403, 403, 403, 403, 200] },
    { method: 'GET', url: '/api/estate/summary', route: '/api/estate/summary', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/estate/entities', route: '/api/estate/entities', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/estate/document', route: '/api/estate/document', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/estate/hosts', route: '/api/estate/hosts', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/estate/hosts/jp-fs01', route: '/api/estate/hosts/:hostname', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: '/api/estate/hosts/uk-app01', route: '/api/estate/hosts/:hostname', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/estate/export', route: '/api/estate/export', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/estate/import', route: '/api/estate/import', body: { content: 'hosts: []\n', filename: 'empty.yaml' }, expect: [401, 403, 403, 403, 403, 200] },
    { method: 'POST', url: '/api/estate/blast-radius', route: '/api/estate/blast-radius', body: { hosts: ['jp-ws01'] }, expect: [401, 200, 200, 403, 200, 200] },
    { method: 'POST', url: '/api/estate/blast-radius', route: '/api/estate/blast-radius', body: { hosts: ['uk-ws01'] }, expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/estate/isolation-impact', route: '/api/estate/isolation-impact', body: { hosts: ['jp-dc01'] }, expect: [401, 200, 200, 403, 200, 200] },
    { method: 'POST', url: '/api/estate/isolation-impact', route: '/api/estate/isolation-impact', body: { entities: ['uk-ltd'] }, expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/incidents', route: '/api/incidents', body: { title: 'JP alert', severity: 'high', entities: ['jp-hq'] }, expect: [401, 403, 201, 403, 201, 201] },
    { method: 'POST', url: '/api/incidents', route: '/api/incidents', body: { title: 'UK alert', severity: 'low', entities: ['uk-ltd'] }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'GET', url: '/api/incidents', route: '/api/incidents', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}`, route: '/api/incidents/:id', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: `/api/incidents/${uk}`, route: '/api/incidents/:id', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/events`, route: '/api/incidents/:id/events', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'POST', url: `/api/incidents/${jp}/events`, route: '/api/incidents/:id/events', body: { type: 'note.added', payload: { text: 'seen' } }, expect: [401, 403, 201, 404, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/events`, route: '/api/incidents/:id/events', body: { type: 'note.added', payload: { text: 'seen' } }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/events`, route: '/api/incidents/:id/events', body: { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-ws01', state: 'suspected', evidence: 'phishing mail opened' } }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/events`, route: '/api/incidents/:id/events', body: { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-fs01', state: 'suspected', evidence: 'SMB sessions from uk-ws01' } }, expect: [401, 403, 201, 403, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/events`, route: '/api/incidents/:id/events', body: { type: 'severity.changed', payload: { to: 'high' } }, expect: [401, 403, 403, 403, 201, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/events`, route: '/api/incidents/:id/events', body: { type: 'state.changed', payload: { to: 'analyse', reason: 'triage' } }, expect: [401, 403, 403, 403, 201, 409] },
    { method: 'GET', url: `/api/incidents/${jp}/verify`, route: '/api/incidents/:id/verify', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: '/api/audit/verify', route: '/api/audit/verify', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/intake/events', route: '/api/intake/events', body: { events: [{ EventID: 1 }] }, expect: [401, 403, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/intake/alerts', route: '/api/intake/alerts', body: { tool: 'edr', alerts: [{ title: 'test alert', host: 'uk-ws01' }] }, expect: [401, 403, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/alerts', route: '/api/alerts', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/hunt', route: '/api/hunt', body: { files: [{ name: 'a.jsonl', content: '{"EventID": 1}\n' }] }, expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/obligations`, route: '/api/incidents/:id/obligations', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'POST', url: `/api/incidents/${uk}/records`, route: '/api/incidents/:id/records', body: { type: 'obligation.filed', payload: { ruleId: 'uk-gdpr-33', entity: 'uk-ltd', recipient: 'ICO', at: '2021-06-03T10:00:00Z' } }, expect: [401, 403, 403, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${jp}/records`, route: '/api/incidents/:id/records', body: { type: 'obligation.filed', payload: { ruleId: 'jp-appi-preliminary', entity: 'jp-hq', recipient: 'PPC', at: '2021-06-03T10:00:00Z' } }, expect: [401, 403, 403, 404, 201, 201] },
    { method: 'GET', url: '/api/notices/templates', route: '/api/notices/templates', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/notices`, route: '/api/incidents/:id/notices', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'POST', url: `/api/incidents/${jp}/notices`, route: '/api/incidents/:id/notices', body: { template: 'police-report', entity: 'jp-hq' }, expect: [401, 403, 201, 404, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/notices`, route: '/api/incidents/:id/notices', body: { template: 'customer-statement', entity: 'uk-ltd' }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'GET', url: `/api/incidents/${uk}/notices/N-001`, route: '/api/incidents/:id/notices/:noticeId', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'PATCH', url: `/api/incidents/${uk}/notices/N-001`, route: '/api/incidents/:id/notices/:noticeId', body: { markdown: STATEMENT }, expect: [401, 403, 200, 409, 409, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/notices/N-001/approve`, route: '/api/incidents/:id/notices/:noticeId/approve', body: { hashOfText: sha256(STATEMENT) }, expect: [401, 403, 403, 201, 409, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/notices/N-001/send`, route: '/api/incidents/:id/notices/:noticeId/send', body: { channel: 'website' }, expect: [401, 403, 201, 409, 409, 409] },
    { method: 'GET', url: `/api/incidents/${jp}/report?format=json`, route: '/api/incidents/:id/report', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: '/api/obligations/pack', route: '/api/obligations/pack', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/detect/status', route: '/api/detect/status', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/indicators', route: '/api/indicators', expect: [401, 200, 200, 200, 200, 200] },
    // Indicator sets apply to every entity: the UK lead (scoped) may not change them. Later roles replace the set.
    { method: 'POST', url: '/api/indicators', route: '/api/indicators', body: { name: 'matrix', filename: 'matrix.csv', content: 'type,value\nipv4,203.0.113.77\n' }, expect: [401, 403, 201, 403, 200, 200] },
    { method: 'DELETE', url: '/api/indicators/matrix', route: '/api/indicators/:name', expect: [401, 403, 204, 403, 404, 404] },
    { method: 'POST', url: '/api/agents/enrolment-tokens', route: '/api/agents/enrolment-tokens', body: { host: 'uk-ws01' }, expect: [401, 403, 403, 403, 403, 201] },
    { method: 'GET', url: '/api/agents/enrolment-tokens', route: '/api/agents/enrolment-tokens', expect: [401, 403, 403, 403, 403, 200] },
    { method: 'POST', url: '/api/agents/enrolment-tokens/batch', route: '/api/agents/enrolment-tokens/batch', body: { hosts: ['uk-ws01'] }, expect: [401, 403, 403, 403, 403, 201] },
    { method: 'GET', url: '/api/agents', route: '/api/agents', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/connectors', route: '/api/connectors', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/agents/${jpAgent}`, route: '/api/agents/:id', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: `/api/agents/${ukAgent}`, route: '/api/agents/:id', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/agents/${jpAgent}/commands`, route: '/api/agents/:id/commands', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'POST', url: `/api/agents/${ukAgent}/commands`, route: '/api/agents/:id/commands', body: { type: 'ping' }, expect: [401, 403, 403, 403, 202, 202] },
    // Plans: the UK lead sees only UK incidents; the policy decides whose approval counts (rob fills the
    // responder requirement, the UK lead the lead's); later roles find the plan decided (409).
    { method: 'GET', url: `/api/incidents/${uk}/plans/suggestions`, route: '/api/incidents/:id/plans/suggestions', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/plans/suggestions`, route: '/api/incidents/:id/plans/suggestions', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'POST', url: `/api/incidents/${uk}/plans`, route: '/api/incidents/:id/plans', body: { kind: 'isolate_hosts', target: { hosts: ['uk-app01'] } }, expect: [401, 403, 201, 409, 409, 409] },
    { method: 'POST', url: `/api/incidents/${jp}/plans`, route: '/api/incidents/:id/plans', body: { kind: 'isolate_hosts', target: { hosts: ['jp-fs01'] } }, expect: [401, 403, 201, 404, 409, 409] },
    { method: 'GET', url: `/api/incidents/${uk}/plans`, route: '/api/incidents/:id/plans', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/plans/P-0001`, route: '/api/incidents/:id/plans/:planId', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: `/api/incidents/${uk}/plans/P-0001`, route: '/api/incidents/:id/plans/:planId', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: `/api/incidents/${uk}/plans/P-0001/approve`, route: '/api/incidents/:id/plans/:planId/approve', body: {}, expect: [401, 403, 200, 409, 409, 409] },
    { method: 'POST', url: `/api/incidents/${jp}/plans/P-0001/approve`, route: '/api/incidents/:id/plans/:planId/approve', body: {}, expect: [401, 403, 200, 404, 409, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/plans/P-0002/reject`, route: '/api/incidents/:id/plans/:planId/reject', body: { reason: 'the WAN link carries payroll' }, expect: [401, 403, 403, 200, 409, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/plans/P-0003/break-glass`, route: '/api/incidents/:id/plans/:planId/break-glass', body: { reason: 'ransomware spreading in the UK office now' }, expect: [401, 403, 403, 403, 200, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/plans/P-0004/cancel`, route: '/api/incidents/:id/plans/:planId/cancel', body: {}, expect: [401, 403, 403, 403, 200, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/plans/P-0001/rollback`, route: '/api/incidents/:id/plans/:planId/rollback', body: {}, expect: [401, 403, 403, 200, 200, 200] },
    { method: 'GET', url: '/api/policy', route: '/api/policy', expect: [401, 200, 200, 200, 200, 200] },
    // Sweeps, scope confirmation, recovery and backlog. Nothing is swept in this world, so declaring EMEA out of
    // scope is refused (409) for those who may declare it; uk-ws01 and jp-fs01 are suspected in the UK incident, so
    // both regions have something to restore (the UK lead may not plan APAC's).
    { method: 'POST', url: `/api/incidents/${uk}/sweeps`, route: '/api/incidents/:id/sweeps', body: { entity: 'uk-ltd', indicators: { sha256: ['e'.repeat(64)] } }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${jp}/sweeps`, route: '/api/incidents/:id/sweeps', body: { entity: 'jp-hq', indicators: { sha256: ['e'.repeat(64)] } }, expect: [401, 403, 201, 404, 201, 201] },
    { method: 'GET', url: `/api/incidents/${jp}/scope/regions`, route: '/api/incidents/:id/scope/regions', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: `/api/incidents/${uk}/scope/regions`, route: '/api/incidents/:id/scope/regions', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: `/api/incidents/${uk}/scope/regions/emea/clear`, route: '/api/incidents/:id/scope/regions/:region/clear', body: {}, expect: [401, 403, 403, 409, 409, 409] },
    { method: 'POST', url: `/api/incidents/${uk}/recovery`, route: '/api/incidents/:id/recovery', body: { region: 'emea' }, expect: [401, 403, 201, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/recovery`, route: '/api/incidents/:id/recovery', body: { region: 'apac' }, expect: [401, 403, 201, 403, 201, 201] },
    { method: 'GET', url: `/api/incidents/${uk}/recovery`, route: '/api/incidents/:id/recovery', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/recovery`, route: '/api/incidents/:id/recovery', expect: [401, 200, 200, 404, 200, 200] },
    { method: 'GET', url: `/api/incidents/${uk}/recovery/R-0001`, route: '/api/incidents/:id/recovery/:recoveryId', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: `/api/incidents/${uk}/recovery/R-0001/gates`, route: '/api/incidents/:id/recovery/:recoveryId/gates', body: { step: 1, gate: 'approval', evidence: 'signed off' }, expect: [401, 403, 403, 201, 201, 201] },
    { method: 'POST', url: `/api/incidents/${uk}/recovery/R-0001/steps/1/run`, route: '/api/incidents/:id/recovery/:recoveryId/steps/:step/run', body: {}, expect: [401, 403, 409, 409, 409, 409] },
    { method: 'GET', url: `/api/incidents/${uk}/backlog`, route: '/api/incidents/:id/backlog', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/api/incidents/${jp}/backlog`, route: '/api/incidents/:id/backlog', expect: [401, 200, 200, 404, 200, 200] },
    // Exercises: anyone may list the scenarios and see the current run (lines only with every entity in scope);
    // commanders and admins start one (an unknown scenario here, so that nothing runs in this world).
    { method: 'GET', url: '/api/exercises', route: '/api/exercises', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: '/api/exercises/current', route: '/api/exercises/current', expect: [401, 200, 200, 200, 200, 200] },
    { method: 'POST', url: '/api/exercises', route: '/api/exercises', body: { scenario: 'no-such-scenario' }, expect: [401, 403, 403, 403, 404, 404] },
    { method: 'POST', url: '/api/exercises/current/stop', route: '/api/exercises/current/stop', expect: [401, 403, 403, 403, 409, 409] },
  ];
}

describe('route-by-role matrix', () => {
  it('answers every route with the expected status for every role', async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      for (const [i, who] of WHO.entries()) {
        const res = await h.as(who, c.method, c.url, c.body);
        if (res.statusCode !== c.expect[i]) {
          failures.push(`${c.method} ${c.url} as ${who ?? 'anonymous'}: expected ${c.expect[i]}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives every 401 a clear error body', async () => {
    const res = await h.as(null, 'GET', '/api/estate/summary');
    expect(res.json()).toMatchObject({ error: { code: 'unauthenticated', message: 'authentication required' } });
    const bad = await h.app.inject({ method: 'GET', url: '/api/estate/summary', headers: { authorization: 'Bearer fbt_not-a-real-token' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: { code: 'unauthenticated', message: 'the token is not valid' } });
  });

  it('covers every registered route, and every route but health and login needs a token', async () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.route}`));
    const special = new Set(['POST /api/auth/token', 'POST /api/auth/login', 'POST /api/auth/logout', 'DELETE /api/tokens/:id', 'GET /api/stream/incidents', 'GET /api/incidents/:id/stream',
      // Agents authenticate with an enrolment token or their credential (test/agent/channel.test.ts).
      'POST /api/agents/enrol', 'POST /api/agents/enrol/batch', 'GET /api/agents/connect']);
    const routes = h.app.firebreakRoutes.filter((r) => r.url.startsWith('/api'));
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r) && !special.has(r));
    expect(missing).toEqual([]);
    expect(routes.filter((r) => r.public).map((r) => r.url).sort()).toEqual(['/api/agents/connect', '/api/agents/enrol', '/api/agents/enrol/batch', '/api/auth/login', '/api/auth/token', '/api/health']);
    for (const r of routes.filter((x) => !x.public)) {
      const url = r.url.replace(':id', jpIncident).replace(':username', 'vera').replace(':hostname', 'jp-fs01');
      const res = await h.as(null, r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });

  it('trims lists and results to the entity lead’s entities', async () => {
    const summary = await h.as('entity_lead', 'GET', '/api/estate/summary').then((r) => r.json<{ hosts: number; entities: number; scoped: boolean }>());
    expect(summary).toMatchObject({ hosts: 2, entities: 1, scoped: true });
    const hosts = await h.as('entity_lead', 'GET', '/api/estate/hosts?entity=jp-hq,uk-ltd').then((r) => r.json<{ items: { entity: string }[] }>());
    expect(hosts.items.every((x) => x.entity === 'uk-ltd')).toBe(true);
    const incidents = await h.as('entity_lead', 'GET', '/api/incidents?limit=100').then((r) => r.json<{ items: { entities: string[] }[] }>());
    expect(incidents.items.length).toBeGreaterThan(0);
    expect(incidents.items.every((i) => i.entities.includes('uk-ltd'))).toBe(true);
    const blast = await h.as('entity_lead', 'POST', '/api/estate/blast-radius', { hosts: ['uk-ws01'] }).then((r) => r.json<{ segments: { entity: string }[]; hosts: string[]; hidden: { segments: number; hosts: number } }>());
    expect(blast.segments.every((s) => s.entity === 'uk-ltd')).toBe(true);
    expect(blast.hosts.sort()).toEqual(['uk-app01', 'uk-ws01']);
    expect(blast.hidden.hosts).toBe(3);
    expect(blast.hidden.segments).toBeGreaterThan(0);
  });
});
