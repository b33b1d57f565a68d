/**
 * Exercises through the API on a listening server: the list, who may start one, one run at a time, and the
 * run as the UI reads it (progress lines after N, its incident marked as an exercise, the summary at the end).
 * The scenario is a tiny drill on the small test estate (test/fixtures/scenarios), so a run takes seconds.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentExerciseSchema, exerciseListSchema, exerciseRunSchema, type ExerciseRunView } from '../../src/contracts/exercises.js';
import { loadConfig } from '../../src/server/config.js';
import { CONTROL_USER, ExerciseService } from '../../src/server/exercise.service.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const ADMIN_PASSWORD = 'exercise-test-admin-password';
const PASSWORD = 'exercise-test-user-password';

let dir: string;
let server: RunningServer;
const tokens: Record<string, string> = {};

async function call(who: string, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who] ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-exercises-'));
  const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD, FIREBREAK_LOG_LEVEL: 'silent' });
  server = await startServer(config, { extend: () => undefined });
  const { ctx } = server;
  await ctx.estate.importText(await readFile(path.join(FIXTURES, 'estate/small-estate.yaml'), 'utf8'), 'small-estate.yaml', 'yaml', false);
  // The built-in scenarios need the demo estate; this server offers the test drill instead.
  ctx.exercises = new ExerciseService(ctx.store, ctx.bus, ctx.estate, ctx.incidents, ctx.now, { dir: path.join(FIXTURES, 'scenarios') });
  ctx.exercises.listening(server.url);
  tokens['admin'] = await login('admin', ADMIN_PASSWORD);
  const users = [
    { username: 'rob', role: 'responder', entities: ['*'] },
    { username: 'cora', role: 'commander', entities: ['*'] },
    { username: 'uk-cmd', role: 'commander', entities: ['uk-ltd'] },
  ];
  for (const user of users) {
    const created = await call('admin', 'POST', '/api/users', { ...user, password: PASSWORD });
    if (created.status !== 201) throw new Error(`create ${user.username}: ${created.status} ${JSON.stringify(created.json)}`);
    tokens[user.username] = await login(user.username, PASSWORD);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function current(who: string, after = 0): Promise<ExerciseRunView | null> {
  const res = await call(who, 'GET', `/api/exercises/current?after=${after}`);
  expect(res.status).toBe(200);
  return currentExerciseSchema.parse(res.json).run;
}

describe('exercises API', () => {
  it('lists the scenarios with the real case and whether each fits the estate', async () => {
    const res = await call('rob', 'GET', '/api/exercises');
    expect(res.status).toBe(200);
    const list = exerciseListSchema.parse(res.json);
    expect(list.items.map((s) => s.id)).toEqual(['tiny-drill']);
    expect(list.items[0]).toMatchObject({ fits: true, problems: [], attackSteps: 1, history: { facts: [{ label: 'Detected within the hour', thenMs: 3_600_000 }] } });
    expect(list.items[0]?.people.map((p) => p.displayName)).toEqual(['Drill commander', 'Drill analyst']);
    expect(await current('rob')).toBeNull();
  });

  it('lets only commanders and admins with every entity start one, and only a known scenario', async () => {
    expect((await call('rob', 'POST', '/api/exercises', { scenario: 'tiny-drill' })).status).toBe(403);
    const scoped = await call('uk-cmd', 'POST', '/api/exercises', { scenario: 'tiny-drill' });
    expect(scoped.status).toBe(403);
    expect(scoped.json).toMatchObject({ error: { code: 'forbidden' } });
    const unknown = await call('cora', 'POST', '/api/exercises', { scenario: 'no-such-drill' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'not_found', details: { hint: expect.stringContaining('tiny-drill') } } });
    expect((await call('cora', 'POST', '/api/exercises', { scenario: 'tiny-drill', speed: 0 })).status).toBe(400);
  });

  it('runs one at a time, shows the run as it unfolds and the summary at the end', async () => {
    const started = await call('cora', 'POST', '/api/exercises', { scenario: 'tiny-drill', speed: 20_000 });
    expect(started.status).toBe(202);
    const run = exerciseRunSchema.parse(started.json);
    expect(run).toMatchObject({ status: 'running', scenario: { id: 'tiny-drill' }, speed: 20_000, startedBy: { username: 'cora' }, summary: null });
    const again = await call('admin', 'POST', '/api/exercises', { scenario: 'tiny-drill' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'conflict', details: { runId: run.runId } } });

    let view = await current('cora');
    for (let i = 0; view?.status === 'running' && i < 1200; i++) {
      await sleep(250);
      view = await current('cora');
    }
    expect(view?.error ?? null).toBeNull();
    expect(view?.status).toBe('finished');
    const lines = view?.lines ?? [];
    expect(lines.map((l) => l.n)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.some((l) => /attack 1\/1 on jp-ws01/.test(l.text))).toBe(true);
    expect(lines.some((l) => /decision: ransom refused/.test(l.text))).toBe(true);
    expect((await current('cora', lines.length - 1))?.lines.map((l) => l.n)).toEqual([lines.length]);
    expect(view?.incidentId).toMatch(/^INC-\d{4,}$/);
    expect(view?.summary?.facts.detectedAt).not.toBeNull();
    expect(view?.summary?.expectations.map((e) => e.text)).toEqual(['detected within 15m', '1 incident(s)']);
    expect(view?.summary?.comparison).toEqual([expect.objectContaining({ label: 'Detected within the hour', then: 3_600_000 })]);
    expect(view?.summary?.text[0]).toBe('Exercise tiny-drill: A tiny phishing drill');

    // The incident says it is an exercise; the control account is switched off until the next run.
    const events = await call('admin', 'GET', `/api/incidents/${view?.incidentId ?? ''}/events`);
    const notes = (events.json as { items: { type: string; actor: string; payload: { text?: string } }[] }).items.filter((e) => e.type === 'note.added');
    expect(notes.some((e) => e.actor === 'system:exercise' && e.payload.text?.startsWith('EXERCISE:'))).toBe(true);
    expect((await server.ctx.store.users.get(CONTROL_USER))?.disabled).toBe(true);
    const incident = await call('admin', 'GET', `/api/incidents/${view?.incidentId ?? ''}`);
    expect(incident.json).toMatchObject({ summary: { title: expect.stringMatching(/^Exercise tiny-drill: /) } });

    // Someone scoped to some entities sees that a run happened, not its lines across every entity.
    const scoped = await current('uk-cmd');
    expect(scoped).toMatchObject({ status: 'finished', trimmed: true, lines: [], summary: null });
  }, 360_000);

  let firstIncident = '';
  let second: ExerciseRunView | null = null;

  it('closes the previous exercise’s incident when the next run starts, so the new alerts cannot join it', async () => {
    firstIncident = (await current('admin'))?.incidentId ?? '';
    expect((await call('admin', 'POST', '/api/exercises', { scenario: 'tiny-drill', speed: 20_000 })).status).toBe(202);
    const closed = await call('admin', 'GET', `/api/incidents/${firstIncident}`);
    expect(closed.json).toMatchObject({ summary: { state: 'closed' } });
    second = await current('admin');
    for (let i = 0; second?.status === 'running' && i < 1200; i++) {
      await sleep(250);
      second = await current('admin');
    }
    expect(second).toMatchObject({ status: 'finished', error: null });
  }, 360_000);

  // On a running server the driver takes the incidents opened since the run started, on the server's clock.
  it('gives the next run an incident of its own', () => {
    expect(second?.incidentId).toMatch(/^INC-\d{4,}$/);
    expect(second?.incidentId).not.toBe(firstIncident);
    expect(second?.summary?.expectations.every((e) => e.ok)).toBe(true);
  });

  it('stops a run on request: only those who may start one, and it still reports', async () => {
    expect((await call('cora', 'POST', '/api/exercises/current/stop')).status).toBe(409);
    // At speed 1 the drill would take an hour of real time.
    expect((await call('cora', 'POST', '/api/exercises', { scenario: 'tiny-drill', speed: 1 })).status).toBe(202);
    expect((await call('rob', 'POST', '/api/exercises/current/stop')).status).toBe(403);
    const stopped = await call('admin', 'POST', '/api/exercises/current/stop');
    expect(stopped.status).toBe(200);
    let view = await current('admin');
    for (let i = 0; view?.status === 'running' && i < 400; i++) {
      await sleep(250);
      view = await current('admin');
    }
    expect(view).toMatchObject({ status: 'finished', error: null, summary: { stopped: 'stopped by admin', interrupted: true } });
    expect(view?.lines.some((l) => /stop requested by .*\(admin\)/.test(l.text))).toBe(true);
  }, 120_000);
});
