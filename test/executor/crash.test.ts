/**
 * Crash: `kill -9` a real `firebreak serve` (a child process on PGlite) while a 500-host isolation plan runs
 * against 500 simulated agents (real WebSocket connections in this process, every command checked by the
 * agent's own gate: pinned Ed25519 key, addressee, expiry, replay), start it again on the same data folder and
 * port, and check that every action ends verified, exactly once in effect. Then the same for the plan's
 * rollback, killed right after it was requested (the releases barely or not yet sent).
 *
 * What "exactly once in effect" means here, and why it holds:
 * - The executor's idempotency key (`planId/actionId/direction/attempt`) survives the crash: the restarted
 *   node, under the same name (host:port), takes its leases back and calls the agent connector again with
 *   the same key, so the command id (`commandIdFor(key)`) is the same and the dispatcher finds the command
 *   already recorded instead of making a second one. Delivery is at most once per connection (a command the
 *   agent never accepted is sent again after reconnection; one it accepted is not), and the agent's replay
 *   guard refuses a repeated id anyway.
 * - The simulated host counts an `isolate` effect only when it was not isolated (isolating twice is not a
 *   second isolation), so `effects.isolate === 1` alone would hide a duplicate command. The test therefore
 *   checks more than the effect count: each host's handler ran exactly ONE isolate command, and its id is the
 *   one derived from the action's key, attempt 1 (no fault is injected, so no retry is expected).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import { commandIdFor } from '../../src/connectors/agent/command-id.js';
import type { ActionRecord } from '../../src/respond/types.js';
import { Api, CRASH_ENTITY, crashEstate, crashHosts, freePort, ServeProcess, until } from './crash-support.js';

const HOSTS = crashHosts(500);
const ADMIN_PASSWORD = 'crash-test-admin-password';
const PASSWORD = 'crash-test-user-password';
const FINAL = new Set(['verified', 'failed', 'rolled_back']);

interface PlanView {
  planId: string;
  status: string;
  executorPlanId: string;
  execution: { total: number; byState: Record<string, number>; reverse: { total: number; byState: Record<string, number> } | null; records?: ActionRecord[] } | null;
}

let dir: string | undefined;
let port = 0;
let serve: ServeProcess | undefined;
let fleet: SimulatedFleet | undefined;
let api: Api;
const tokens: Record<'admin' | 'rita' | 'leo', string> = { admin: '', rita: '', leo: '' };
let incidentId = '';
let planId = '';

/** Starts (again) on the same data folder and port; returns how long the server took to be ready. */
async function restart(): Promise<number> {
  if (!dir) throw new Error('no data folder');
  const started = Date.now();
  serve = await ServeProcess.start({ dataDir: path.join(dir, 'data'), port, adminPassword: ADMIN_PASSWORD });
  return Date.now() - started;
}

async function kill9(): Promise<void> {
  await serve?.kill9();
  serve = undefined;
}

function plan(records = false): Promise<PlanView> {
  return api.call<PlanView>(tokens.admin, 'GET', `/api/incidents/${incidentId}/plans/${planId}?records=${records ? 'all' : 'none'}`);
}

function count(byState: Record<string, number> | undefined, states: Iterable<string>): number {
  let n = 0;
  for (const s of states) n += byState?.[s] ?? 0;
  return n;
}

/** Per host: the commands of this type its handler ran, and the effects counted. */
function handled(type: string): Map<string, { ids: string[]; effects: number }> {
  const out = new Map<string, { ids: string[]; effects: number }>();
  for (const hostname of HOSTS) {
    const host = fleet?.agent(hostname)?.host;
    out.set(hostname, { ids: host?.commands.filter((c) => c.type === type).map((c) => c.id) ?? [], effects: host?.effects[type] ?? 0 });
  }
  return out;
}

/** Hosts whose handler did not run exactly the one command derived from the record's key, or whose effect is not 1. */
function notExactlyOnce(records: readonly ActionRecord[], type: string): string[] {
  const seen = handled(type);
  const problems: string[] = [];
  for (const record of records) {
    const host = seen.get(record.target.ref);
    const expected = record.key ? commandIdFor(record.key) : '(no key)';
    if (!host || host.effects !== 1 || host.ids.length !== 1 || host.ids[0] !== expected || record.attempts !== 1) {
      problems.push(`${record.target.ref}: effects ${host?.effects ?? 0}, ${type} commands ${JSON.stringify(host?.ids ?? [])}, expected ${expected} (attempts ${record.attempts})`);
    }
  }
  return problems;
}

async function eventTypes(): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return (await api.call<{ items: { type: string; payload: Record<string, unknown> }[] }>(tokens.admin, 'GET', `/api/incidents/${incidentId}/events`)).items;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-crash-'));
  port = await freePort();
  await restart();
  if (!serve) throw new Error('serve did not start');
  api = new Api(serve.url);
  tokens.admin = await api.login('admin', ADMIN_PASSWORD);
  await api.call(tokens.admin, 'POST', '/api/estate/import', { content: crashEstate(HOSTS), filename: 'crash-estate.json', format: 'json' });
  await api.call(tokens.admin, 'POST', '/api/users', { username: 'rita', role: 'responder', entities: [CRASH_ENTITY], password: PASSWORD });
  await api.call(tokens.admin, 'POST', '/api/users', { username: 'leo', role: 'entity_lead', entities: [CRASH_ENTITY], password: PASSWORD });
  tokens.rita = await api.login('rita', PASSWORD);
  tokens.leo = await api.login('leo', PASSWORD);
  fleet = await startSimulatedFleet({
    server: serve.url,
    adminToken: tokens.admin,
    hosts: HOSTS,
    // Answers spread over 1-8 s, so a kill lands while many commands are out; quick heartbeats and
    // reconnections so a restarted server sees its agents again within seconds.
    behaviour: { latencyMs: [1000, 8000], verifyMs: [50, 300], heartbeatMs: 1000, reconnect: { baseMs: 200, capMs: 2000 }, seed: 5 },
  });
}, 180_000);

afterAll(async () => {
  await fleet?.close().catch(() => undefined);
  await serve?.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('kill -9 of the server during a 500-host isolation', () => {
  it('resumes after restart: every action verified, each host isolated by exactly one command', async () => {
    const incident = await api.call<{ id: string }>(tokens.rita, 'POST', '/api/incidents', { title: 'Ransomware spreading at Crash Test Co', severity: 'critical', entities: [CRASH_ENTITY] });
    incidentId = incident.id;
    const proposed = await api.call<PlanView & { evaluation: { satisfied: boolean } | null }>(tokens.rita, 'POST', `/api/incidents/${incidentId}/plans`, { kind: 'isolate_hosts', target: { hosts: HOSTS } });
    planId = proposed.planId;
    expect(proposed.status).toBe('awaiting_approval');
    const approved = await api.call<PlanView>(tokens.leo, 'POST', `/api/incidents/${incidentId}/plans/${planId}/approve`, { comment: 'contain it' });
    expect(approved.status).toBe('running');

    // Mid-flight: some hosts have reported their isolation in place, many commands are still out at the
    // agents. (The agent connector settles a batch of up to 1,000 actions together, so `verified` reaches the
    // store for the whole batch at once; `applied` is written per action as each agent reports it: the
    // moment "some but not all done" is some applied, some still sent.)
    const before = await until('some but not all actions applied', async () => {
      const byState = (await plan()).execution?.byState;
      return (byState?.['applied'] ?? 0) + (byState?.['verified'] ?? 0) >= 50 ? byState : undefined;
    }, 120_000, 50);
    await kill9();
    // If every action was done already, the kill proved nothing: the agents answered too fast for this test.
    expect(count(before, ['sent', 'requested']), JSON.stringify(before)).toBeGreaterThan(0);
    const commandsAtKill = fleet?.stats().commands['isolate'] ?? 0;

    const restartedAt = Date.now();
    const readyMs = await restart();
    const done = await until('every action final', async () => {
      const view = await plan();
      return count(view.execution?.byState, FINAL) === HOSTS.length ? view : undefined;
    }, 150_000, 250);
    const finishedAfterMs = Date.now() - restartedAt;
    expect(done.execution?.byState).toEqual({ verified: HOSTS.length });
    const completed = await until('the plan completed', async () => ((await plan()).status === 'completed' ? true : undefined), 60_000, 250);
    expect(completed).toBe(true);

    const records = (await plan(true)).execution?.records?.filter((r) => r.direction === 'forward') ?? [];
    expect(records).toHaveLength(HOSTS.length);
    expect(notExactlyOnce(records, 'isolate')).toEqual([]);
    const stats = fleet?.stats();
    expect(stats?.isolated).toBe(HOSTS.length);
    expect(stats?.commands['isolate']).toBe(HOSTS.length);
    // No command refused by the agents' gate: no bad signature (the key survived the restart), no replay.
    expect(stats?.rejected).toEqual({});

    const verify = await api.call<{ ok: boolean }>(tokens.admin, 'GET', `/api/incidents/${incidentId}/verify`);
    expect(verify.ok).toBe(true);
    const events = await eventTypes();
    expect(events.filter((e) => e.type === 'plan.finished' && e.payload['direction'] === 'forward')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'action.failed')).toEqual([]);
    console.log(`crash during isolation: at the kill ${JSON.stringify(before)}, ${commandsAtKill} isolate commands had reached agents; all ${HOSTS.length} verified ${(finishedAfterMs / 1000).toFixed(1)} s after the restart began (server ready in ${(readyMs / 1000).toFixed(1)} s); duplicate effects 0`);
  }, 300_000);

  it('resumes a rollback killed right after it was requested: each host released by exactly one command', async () => {
    expect(planId, 'the isolation test ran first').not.toBe('');
    const releasesBefore = fleet?.stats().commands['release'] ?? 0;
    const requested = await api.call<PlanView>(tokens.leo, 'POST', `/api/incidents/${incidentId}/plans/${planId}/rollback`, { reason: 'contained elsewhere; bring the hosts back' });
    expect(requested.status).toBe('rolling_back');
    await kill9();
    const releasesAtKill = (fleet?.stats().commands['release'] ?? 0) - releasesBefore;

    const restartedAt = Date.now();
    const readyMs = await restart();
    const done = await until('every reversal final and the plan rolled back', async () => {
      const view = await plan();
      return view.status === 'rolled_back' || view.status === 'rollback_failed' ? view : undefined;
    }, 150_000, 250);
    const finishedAfterMs = Date.now() - restartedAt;
    expect(done.status).toBe('rolled_back');
    expect(done.execution?.byState).toEqual({ rolled_back: HOSTS.length });
    expect(done.execution?.reverse?.byState).toEqual({ verified: HOSTS.length });

    const reverse = (await plan(true)).execution?.records?.filter((r) => r.direction === 'reverse') ?? [];
    expect(reverse).toHaveLength(HOSTS.length);
    expect(notExactlyOnce(reverse, 'release')).toEqual([]);
    const stats = fleet?.stats();
    expect(stats?.isolated).toBe(0);
    expect(stats?.rejected).toEqual({});

    const verify = await api.call<{ ok: boolean }>(tokens.admin, 'GET', `/api/incidents/${incidentId}/verify`);
    expect(verify.ok).toBe(true);
    const events = await eventTypes();
    expect(events.filter((e) => e.type === 'plan.finished' && e.payload['direction'] === 'reverse')).toHaveLength(1);
    console.log(`crash right after the rollback request: ${releasesAtKill} release commands had reached agents at the kill; all ${HOSTS.length} released ${(finishedAfterMs / 1000).toFixed(1)} s after the restart began (server ready in ${(readyMs / 1000).toFixed(1)} s); duplicate effects 0`);
  }, 300_000);
});
