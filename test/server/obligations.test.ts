/**
 * Obligations through the API: clocks per entity and rule from the incident's log and the estate, a proposed
 * determination confirmed as "not notifiable" with its reasoning, a ransom refusal with the sanctions note,
 * and entity scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let id: string;

interface View {
  obligations: { entity: string; ruleId: string; status: string; applicable: boolean; reasons: string[]; deadline: string | null }[];
  alerts: unknown[];
  assessment: { entity: string; regime: string; proposed?: string; decision?: string; reasoning?: string[] }[];
  decisions: { decisions: { kind: string; decision: string; notes: { topic: string; text: string }[] }[] };
}

beforeAll(async () => {
  h = await startHarness();
  const opened = await h.as('commander', 'POST', '/api/incidents', { title: 'Ransomware at headquarters', severity: 'critical', entities: ['jp-hq', 'uk-ltd'], awarenessAt: new Date(Date.now() - 3600_000).toISOString() });
  id = opened.json<{ id: string }>().id;
  await h.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'jp-fs01', state: 'in_scope', evidence: 'ransom note' } });
  await h.as('commander', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-app01', state: 'cleared', evidence: 'clean sweep' } });
});
afterAll(() => h.close());

describe('obligations API', () => {
  it('computes clocks per entity and rule, with reasons', async () => {
    const res = await h.as('viewer', 'GET', `/api/incidents/${id}/obligations`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<View>();
    const entities = new Set(view.obligations.map((o) => o.entity));
    expect(entities).toEqual(new Set(['jp-hq', 'uk-ltd']));
    const ukGdpr = view.obligations.find((o) => o.entity === 'uk-ltd' && o.ruleId === 'uk-gdpr-33');
    expect(ukGdpr).toBeDefined();
    expect(ukGdpr?.reasons.length).toBeGreaterThan(0);
  });

  it('records a determination by a named person; a responder may not', async () => {
    const payload = { entity: 'uk-ltd', regime: 'uk-gdpr', decision: 'not_notifiable', reasoning: ['no personal data on in-scope hosts; uk-crm host cleared by sweep'], by: 'Dana (DPO)' };
    expect((await h.as('responder', 'POST', `/api/incidents/${id}/records`, { type: 'breach.determined', payload })).statusCode).toBe(403);
    const res = await h.as('commander', 'POST', `/api/incidents/${id}/records`, { type: 'breach.determined', payload });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await h.as('commander', 'GET', `/api/incidents/${id}/obligations`)).json<View>();
    const ukGdpr = view.obligations.find((o) => o.entity === 'uk-ltd' && o.ruleId === 'uk-gdpr-33');
    expect(ukGdpr?.status).toBe('not_required');
    expect(ukGdpr?.reasons.join(' ')).toMatch(/no personal data on in-scope hosts/);
    const bad = await h.as('commander', 'POST', `/api/incidents/${id}/records`, { type: 'breach.determined', payload: { ...payload, reasoning: [] } });
    expect(bad.statusCode).toBe(422);
  });

  it('records a ransom refusal with the sanctions-screening note', async () => {
    const res = await h.as('commander', 'POST', `/api/incidents/${id}/records`, {
      type: 'decision.recorded',
      payload: { kind: 'ransom', decision: 'refuse to pay', rationale: 'backups available; sanctions risk', approvers: ['CEO', 'General Counsel'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await h.as('viewer', 'GET', `/api/incidents/${id}/obligations`)).json<View>();
    const ransom = view.decisions.decisions.find((d) => d.kind === 'ransom');
    expect(ransom?.decision).toBe('refuse to pay');
    expect(ransom?.notes.some((n) => n.topic === 'sanctions' && /OFAC/.test(n.text))).toBe(true);
  });

  it('lets an entity lead record for their entity only, and not for the whole incident', async () => {
    const filing = { ruleId: 'jp-appi-preliminary', entity: 'jp-hq', recipient: 'PPC', at: new Date().toISOString() };
    const outside = await h.as('entity_lead', 'POST', `/api/incidents/${id}/records`, { type: 'obligation.filed', payload: filing });
    expect(outside.statusCode).toBe(403);
    expect(outside.json<{ error: { message: string } }>().error.message).toBe('outside your entities: jp-hq');
    const wide = await h.as('entity_lead', 'POST', `/api/incidents/${id}/records`, { type: 'incident.classified', payload: { regime: 'nis2', classification: 'significant', at: new Date().toISOString() } });
    expect(wide.statusCode).toBe(403);
    expect(wide.json<{ error: { issues: { field: string; hint: string }[] } }>().error.issues[0]).toMatchObject({ field: 'body.payload.entity', hint: 'use your entities: uk-ltd' });
    const own = await h.as('entity_lead', 'POST', `/api/incidents/${id}/records`, { type: 'decision.recorded', payload: { kind: 'disclosure', decision: 'inform UK customers', rationale: 'transparency', approvers: ['UK MD'], entities: ['uk-ltd'] } });
    expect(own.statusCode, own.body).toBe(201);
    const view = (await h.as('entity_lead', 'GET', `/api/incidents/${id}/obligations`)).json<View & { determinations: { entity: string; regime: string; decision: string; by: string }[] }>();
    expect(view.determinations).toEqual([expect.objectContaining({ entity: 'uk-ltd', regime: 'uk-gdpr', decision: 'not_notifiable', by: 'Dana (DPO)' })]);
  });

  it('shows an entity lead only their entity', async () => {
    const view = (await h.as('entity_lead', 'GET', `/api/incidents/${id}/obligations`)).json<View>();
    expect(view.obligations.length).toBeGreaterThan(0);
    expect(view.obligations.every((o) => o.entity === 'uk-ltd')).toBe(true);
  });
});
