/**
 * The timed part of the fan-out bench, by path: the plan API (an incident, a proposed isolation of every host
 * by the admin, approved by the entity's lead: timed from that approval), the durable executor (timed from
 * `submit`), or the agent connector's `executeMany` (1,000 actions per call, all at once). Each resolves when
 * every action has ended, and counts the verified ones.
 */
import { randomUUID } from 'node:crypto';
import type { ActionOutcome, ActionRecord, ActionSpec, ConnectorContext, ExecutableAction } from '../src/respond/types.js';
import type { RunningServer } from '../src/server/serve.js';

export type Via = 'auto' | 'plan' | 'executor' | 'connector';

export interface ViaResult {
  path: 'plan' | 'executor' | 'connector';
  verified: number;
  failed: number;
  /** From the approval (or submission, or call) until every action ended. */
  ms: number;
}

const FINAL = new Set(['verified', 'failed', 'rolled_back']);
const LEAD_PASSWORD = 'fanout-lead-password';

async function api<T>(server: RunningServer, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

function specs(hosts: readonly string[]): ActionSpec[] {
  return hosts.map((host, i) => ({
    id: `a${String(i + 1).padStart(5, '0')}`, connector: 'agent', operation: 'isolate', target: { kind: 'host', ref: host, entity: 'sim-co' },
    args: { allow: [] }, reversal: { operation: 'release', args: {} }, label: `isolate ${host}`,
  }));
}

/** Resolves when every action of the executor's plan has a final state (from `plan.<id>.actions` on the bus). */
function untilPlanDone(server: RunningServer, planId: string, total: number): { done: Promise<number[]>; stop: () => void } {
  const states = new Map<string, string>();
  let resolve: (v: number[]) => void = () => undefined;
  const done = new Promise<number[]>((r) => (resolve = r));
  const stop = server.ctx.bus.subscribe(`plan.${planId}.actions`, (message) => {
    for (const a of (message as { actions: ActionRecord[] }).actions) if (a.direction === 'forward' && FINAL.has(a.state)) states.set(a.actionId, a.state);
    if (states.size >= total) {
      const values = [...states.values()];
      resolve([values.filter((s) => s === 'verified').length, values.filter((s) => s !== 'verified').length]);
    }
  });
  return { done, stop };
}

async function viaExecutor(server: RunningServer, hosts: readonly string[], adminToken: string): Promise<ViaResult> {
  const incident = await api<{ id: string }>(server, adminToken, 'POST', '/api/incidents', { title: 'Fan-out bench', severity: 'high', entities: ['sim-co'] });
  const planId = `fanout-${randomUUID().slice(0, 8)}`;
  const actions = specs(hosts);
  const wait = untilPlanDone(server, planId, hosts.length);
  const started = performance.now();
  await server.ctx.executor.submit({ incidentId: incident.id, planId, actions, actor: 'user:admin' });
  const [verified = 0, failed = 0] = await wait.done;
  wait.stop();
  return { path: 'executor', verified, failed, ms: performance.now() - started };
}

async function viaPlan(server: RunningServer, hosts: readonly string[], adminToken: string): Promise<ViaResult> {
  await api(server, adminToken, 'POST', '/api/users', { username: 'sim-lead', role: 'entity_lead', entities: ['sim-co'], password: LEAD_PASSWORD });
  const login = await fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sim-lead', password: LEAD_PASSWORD }) });
  const leadToken = ((await login.json()) as { token: string }).token;
  const incident = await api<{ id: string }>(server, adminToken, 'POST', '/api/incidents', { title: 'Fan-out bench', severity: 'high', entities: ['sim-co'] });
  const plan = await api<{ planId: string }>(server, adminToken, 'POST', `/api/incidents/${incident.id}/plans`, { kind: 'isolate_hosts', target: { hosts } });
  const wait = untilPlanDone(server, `${incident.id}-${plan.planId}`, hosts.length);
  const started = performance.now();
  await api(server, leadToken, 'POST', `/api/incidents/${incident.id}/plans/${plan.planId}/approve`, { comment: 'bench' });
  console.log(`plan ${plan.planId}: the approval answered in ${(performance.now() - started).toFixed(0)} ms (proposed by admin, approved by the entity lead)`);
  const [verified = 0, failed = 0] = await wait.done;
  wait.stop();
  return { path: 'plan', verified, failed, ms: performance.now() - started };
}

async function viaConnector(server: RunningServer, hosts: readonly string[]): Promise<ViaResult> {
  const connector = server.ctx.connectors.get('agent');
  if (!connector?.executeMany) throw new Error('the agent connector is not registered');
  const ctx: ConnectorContext = { now: () => new Date(), signal: new AbortController().signal, progress: () => undefined };
  const planId = `fanout-${randomUUID().slice(0, 8)}`;
  const actions: ExecutableAction[] = specs(hosts).map((s) => ({
    incidentId: 'INC-BENCH', planId, direction: 'forward', operation: s.operation, args: s.args, connector: 'agent', target: s.target, actionId: s.id, key: `${planId}/${s.id}/forward/1`, attempt: 1,
  }));
  const started = performance.now();
  const batches: Promise<ActionOutcome[]>[] = [];
  for (let i = 0; i < actions.length; i += 1000) batches.push(connector.executeMany(actions.slice(i, i + 1000), ctx));
  const outcomes = (await Promise.all(batches)).flat();
  const verified = outcomes.filter((o) => o.state === 'verified').length;
  return { path: 'connector', verified, failed: outcomes.length - verified, ms: performance.now() - started };
}

function hasPlans(server: RunningServer): boolean {
  return (server.ctx as { plans?: unknown }).plans !== undefined;
}

function hasExecutor(server: RunningServer): boolean {
  return (server.ctx as { executor?: unknown }).executor !== undefined;
}

/** Runs the isolation by the path asked for (or the most complete one available). */
export function runVia(via: Via, server: RunningServer, hosts: readonly string[], adminToken: string): Promise<ViaResult> {
  const path = via !== 'auto' ? via : hasPlans(server) ? 'plan' : hasExecutor(server) ? 'executor' : 'connector';
  if (path === 'plan') return viaPlan(server, hosts, adminToken);
  if (path === 'executor') return viaExecutor(server, hosts, adminToken);
  return viaConnector(server, hosts);
}
