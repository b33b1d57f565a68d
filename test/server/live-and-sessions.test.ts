/**
 * Live updates over Server-Sent Events on a real socket, and browser sessions (HttpOnly cookie, JSON-only writes,
 * logout revokes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/cli/client.js';
import { ADMIN_PASSWORD, startHarness, type Harness } from './harness.js';

let h: Harness;
let url: string;

beforeAll(async () => {
  h = await startHarness();
  url = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => h.close());

function collect(client: ApiClient, path: string, count: number): { done: Promise<unknown[]>; abort: () => void } {
  const controller = new AbortController();
  const seen: unknown[] = [];
  const done = new Promise<unknown[]>((resolve, reject) => {
    client
      .stream(path, (_event, data) => {
        seen.push(data);
        if (seen.length >= count) {
          controller.abort();
          resolve(seen);
        }
      }, controller.signal)
      .catch((error: unknown) => (controller.signal.aborted ? resolve(seen) : reject(error as Error)));
  });
  return { done, abort: () => controller.abort() };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live updates', () => {
  it('streams new incident events to a follower, and replays missed ones with ?after=', async () => {
    const client = new ApiClient({ server: url, token: h.tokens.responder });
    const incident = await client.post<{ id: string }>('/api/incidents', { title: 'Live test', severity: 'high', entities: ['uk-ltd'] });
    const follower = collect(client, `/api/incidents/${incident.id}/stream`, 2);
    await wait(200);
    await client.post(`/api/incidents/${incident.id}/events`, { type: 'note.added', payload: { text: 'first' } });
    await client.post(`/api/incidents/${incident.id}/events`, { type: 'scope.changed', payload: { kind: 'host', ref: 'uk-ws01', state: 'suspected', evidence: 'beacon' } });
    const events = (await follower.done) as { seq: number; type: string }[];
    expect(events.map((e) => [e.seq, e.type])).toEqual([[2, 'note.added'], [3, 'scope.changed']]);

    const replay = collect(client, `/api/incidents/${incident.id}/stream?after=1`, 2);
    const replayed = (await replay.done) as { seq: number }[];
    expect(replayed.map((e) => e.seq)).toEqual([2, 3]);
  });

  it('streams board updates only for incidents the user may see', async () => {
    const lead = new ApiClient({ server: url, token: h.tokens.entity_lead });
    const admin = new ApiClient({ server: url, token: h.tokens.admin });
    const board = collect(lead, '/api/stream/incidents', 1);
    await wait(200);
    await admin.post('/api/incidents', { title: 'Tokyo only', severity: 'low', entities: ['jp-hq'] });
    await admin.post('/api/incidents', { title: 'UK too', severity: 'low', entities: ['uk-ltd'] });
    const seen = (await board.done) as { title: string }[];
    expect(seen.map((s) => s.title)).toEqual(['UK too']);
  });
});

describe('browser sessions', () => {
  it('logs in with an HttpOnly cookie, refuses non-JSON writes, and logs out', async () => {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/fb_session=fbt_[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    const session = cookie.split(';')[0] ?? '';
    const me = await fetch(`${url}/api/auth/me`, { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ username: 'admin', role: 'admin', entities: '*' });

    const form = await fetch(`${url}/api/incidents`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=x&severity=low',
    });
    expect(form.status).toBe(403);

    const out = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(204);
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('slows down password guessing', async () => {
    const attempt = () =>
      fetch(`${url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cora', password: 'wrong-password-guess' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
