/** Bad input at the HTTP boundary: a clear error naming the field, a 4xx, and nothing partially written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface ErrorJson {
  error: { code: string; message: string; issues: { field?: string; line?: number; message: string }[]; details: Record<string, unknown> };
}

describe('bad input', () => {
  it('names the invalid field of a body', async () => {
    const res = await h.as('admin', 'POST', '/api/incidents', { title: '', severity: 'apocalyptic' });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorJson>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['body.title', 'body.severity']));
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await h.app.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'application/json' }, payload: '{"title": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorJson>().error.code).toBe('invalid_input');
    const huge = await h.as('admin', 'POST', '/api/incidents', { title: 'x', severity: 'low', summary: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<ErrorJson>().error.code).toBe('payload_too_large');
  });

  it('refuses a forbidden transition and lists the allowed ones', async () => {
    const opened = await h.as('admin', 'POST', '/api/incidents', { title: 'Transitions', severity: 'low', entities: ['uk-ltd'] });
    const id = opened.json<{ id: string }>().id;
    const res = await h.as('admin', 'POST', `/api/incidents/${id}/events`, { type: 'state.changed', payload: { to: 'recover' } });
    expect(res.statusCode).toBe(409);
    const body = res.json<ErrorJson>();
    expect(body.error.code).toBe('forbidden_transition');
    expect(body.error.details['allowed']).toEqual(expect.arrayContaining(['analyse']));
    const events = await h.as('admin', 'GET', `/api/incidents/${id}/events`);
    expect(events.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('rejects a scope change on an unknown host without writing anything', async () => {
    const opened = await h.as('admin', 'POST', '/api/incidents', { title: 'Scope', severity: 'low', entities: ['uk-ltd'] });
    const id = opened.json<{ id: string }>().id;
    const res = await h.as('admin', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'no-such-host', state: 'suspected', evidence: 'x' } });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorJson>().error.issues[0]).toMatchObject({ field: 'body.payload.ref' });
    const missingEvidence = await h.as('admin', 'POST', `/api/incidents/${id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-ws01', state: 'suspected', evidence: '' } });
    expect(missingEvidence.statusCode).toBe(400);
    expect((await h.as('admin', 'GET', `/api/incidents/${id}/events`)).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('rejects an estate import with mistakes, with line and field, and keeps the estate as it was', async () => {
    const before = (await h.as('admin', 'GET', '/api/estate/summary')).json<Record<string, number>>();
    const content = ['hosts:', '  - hostname: uk-ws02', '    ips: [10.40.0.300]', '    os: windows-11', '    role: workstation', '    entity: uk-ltd', '    segment: nowhere', ''].join('\n');
    const res = await h.as('admin', 'POST', '/api/estate/import', { content, filename: 'more.yaml' });
    expect(res.statusCode).toBe(422);
    const issues = res.json<ErrorJson>().error.issues;
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'hosts[0].segment', line: 7 }),
      expect.objectContaining({ field: 'hosts[0].ips[0]', line: 3 }),
    ]));
    expect((await h.as('admin', 'GET', '/api/estate/summary')).json<Record<string, number>>()).toEqual(before);
  });

  it('names a bad query parameter and an unknown incident', async () => {
    const res = await h.as('admin', 'GET', '/api/estate/hosts?limit=100000');
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.issues[0]?.field).toBe('querystring.limit');
    const missing = await h.as('admin', 'GET', '/api/incidents/INC-9999');
    expect(missing.statusCode).toBe(404);
    const badId = await h.as('admin', 'GET', '/api/incidents/not-an-id');
    expect(badId.statusCode).toBe(400);
  });
});
