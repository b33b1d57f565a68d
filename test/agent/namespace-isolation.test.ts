/**
 * Isolation with real parts: network namespaces made by this test, the real agent process (`firebreak agent`
 * under `ip netns exec`) on host A, the real server on host C, a TCP service on host B, real nftables.
 * Isolating A stops its traffic to B while it still talks to the server; the evidence is recorded; the
 * isolation comes back after an agent restart that finds its table gone; release restores traffic.
 *
 * Needs root and nft, ip, nc, ping: without them the test fails and says what to install (it never skips).
 * The root namespace is never touched: the test reaches the server through a Unix socket forwarded inside C.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommandView, AgentView } from '../../src/contracts/agents.js';
import { canConnect, createTopology, INSTALL_HINT, missingPrerequisites, run, type Topology } from './support/netns.js';
import { Processes, type Started } from './support/processes.js';
import { unixRequest } from './support/unix-http.js';
import { waitFor } from './support/wait.js';

const PASSWORD = 'namespace-test-password';
const SERVER_PORT = 7373;
const SERVICE_PORT = 8080;
const TABLE = 'firebreak_isolation';
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['node', '--import', 'tsx', path.join(ROOT, 'src/cli/run.ts')];

let topo: Topology | undefined;
let tmp: string;
let socket: string;
let token: string;
let agentId: string;
let agent: Started | undefined;
let rootRulesetBefore: string;
const procs = new Processes();

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await unixRequest(socket, method, url, body, token);
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.body as T;
}

function t(): Topology {
  if (!topo) throw new Error('the topology was not created: see the first failure');
  return topo;
}

function startAgent(enrolToken: string): Started {
  const x = t();
  return procs.start('agent (host a)', [
    'ip', 'netns', 'exec', x.ns.a, ...CLI, 'agent', '--server', `http://${x.ip.c}:${SERVER_PORT}`, '--enrol', enrolToken,
    '--state-dir', path.join(tmp, 'agent-state'), '--hostname', 'fbt-host-a', '--probe', `${x.ip.b}:${SERVICE_PORT}`, '--heartbeat', '1',
  ]);
}

async function finalState(id: string): Promise<AgentCommandView> {
  return waitFor(`command ${id} to end`, async () => {
    const page = await api<{ items: AgentCommandView[] }>('GET', `/api/agents/${agentId}/commands?limit=50`);
    const c = page.items.find((x) => x.id === id);
    return c && (c.state === 'verified' || c.state === 'failed') ? c : undefined;
  }, 60_000, 200);
}

const tableLoaded = async () => (await t().exec('a', ['nft', '-j', 'list', 'tables'])).stdout.includes(`"name": "${TABLE}"`);

const ESTATE = (ip: string) => `
version: 1
regions: [{ id: lab, name: Lab }]
entities: [{ id: lab-co, name: Lab Co, country: GB, region: lab }]
segments: [{ id: lab-net, name: Lab net, entity: lab-co, cidrs: [10.213.0.0/16] }]
hosts: [{ hostname: fbt-host-a, ips: [${ip}], os: linux, role: server, entity: lab-co, segment: lab-net }]
`;

beforeAll(async () => {
  const problems = await missingPrerequisites();
  if (problems.length > 0) throw new Error(`cannot run the namespace isolation test: ${problems.join('; ')}. Run as root after: ${INSTALL_HINT}`);
  rootRulesetBefore = (await run(['nft', 'list', 'ruleset'])).stdout;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'fbt-ns-'));
  socket = path.join(tmp, 'api.sock');
  topo = await createTopology();
  const x = t();
  // No detection rules: this test is about the agent (and must not depend on the rule pack).
  await mkdir(path.join(tmp, 'no-rules'));
  procs.start('service (host b)', ['ip', 'netns', 'exec', x.ns.b, 'node', '--import', 'tsx', path.join(ROOT, 'test/agent/support/tcp-listener.ts'), x.ip.b, String(SERVICE_PORT)]);
  procs.start('server (host c)', ['ip', 'netns', 'exec', x.ns.c, ...CLI, 'serve', '--host', x.ip.c, '--port', String(SERVER_PORT), '--data', path.join(tmp, 'server')], {
    FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_DEMO: 'false', FIREBREAK_LOG_LEVEL: 'warn', FIREBREAK_RULES: path.join(tmp, 'no-rules'),
  });
  procs.start('forwarder (host c)', ['ip', 'netns', 'exec', x.ns.c, 'node', '--import', 'tsx', path.join(ROOT, 'test/agent/support/unix-forward.ts'), socket, x.ip.c, String(SERVER_PORT)]);
  await waitFor('the server in namespace c', async () => (await unixRequest(socket, 'GET', '/api/health').catch(() => ({ status: 0 }))).status === 200, 240_000, 250)
    .catch((error: unknown) => { throw new Error(`${String(error)}\n${procs.describe()}`); });
  const login = await unixRequest(socket, 'POST', '/api/auth/token', { username: 'admin', password: PASSWORD });
  token = (login.body as { token: string }).token;
  await api('POST', '/api/estate/import', { content: ESTATE(x.ip.a), filename: 'lab.yaml' });
}, 300_000);

afterAll(async () => {
  await procs.stopAll();
  const problems = (await topo?.destroy()) ?? [];
  if (tmp) await rm(tmp, { recursive: true, force: true });
  const left = (await run(['ip', 'netns', 'list'])).stdout.split('\n').filter((l) => topo && l.startsWith(`fbt-${topo.id}-`));
  if (problems.length > 0 || left.length > 0) throw new Error(`cleanup incomplete: ${[...problems, ...left].join('; ')}`);
}, 60_000);

describe('isolation in network namespaces (real agent, real nftables)', () => {
  it('enrols the agent on host a, which connects and reports inventory', async () => {
    const created = await api<{ token: string }>('POST', '/api/agents/enrolment-tokens', { host: 'fbt-host-a', expires: '10m' });
    agent = startAgent(created.token);
    const seen = await waitFor('the agent online', async () => {
      const list = await api<{ items: AgentView[] }>('GET', '/api/agents');
      return list.items.find((a) => a.hostname === 'fbt-host-a' && a.online && a.ips.length > 0);
    }, 60_000, 250).catch((error: unknown) => { throw new Error(`${String(error)}\n${procs.describe()}`); });
    agentId = seen.id;
    expect(seen, JSON.stringify(seen)).toMatchObject({ entity: 'lab-co', isolation: { state: 'released' }, ips: expect.arrayContaining([t().ip.a]) });
    expect(await canConnect(t(), 'a', t().ip.b, SERVICE_PORT)).toBe(true);
  }, 90_000);

  it('isolates host a: b becomes unreachable, the server stays reachable, and the evidence is recorded', async () => {
    const x = t();
    const sent = await api<AgentCommandView>('POST', `/api/agents/${agentId}/commands`, { type: 'isolate', args: { allow: [] } });
    const done = await finalState(sent.id);
    expect(done.state, JSON.stringify(done, null, 2) + procs.describe()).toBe('verified');
    expect(done.history.map((h) => h.state)).toEqual(['requested', 'sent', 'applied', 'verified']);
    expect(done.evidence).toMatchObject({ ruleset: { table: TABLE, rulesetHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), check: { ok: true } } });
    const probes = done.evidence?.['probes'] as { purpose: string; outcome: string; target: string; at: string; ms: number }[];
    // A TCP SYN dropped by the output chain is retried by the kernel, so the probe times out (EPERM is for UDP).
    expect(probes.map((p) => `${p.purpose} ${p.target} ${p.outcome.replace(/^(blocked|timeout)$/, 'blocked-or-timeout')}`)).toEqual([
      `baseline-before-isolation ${x.ip.b}:${SERVICE_PORT} connected`,
      `blocked-target ${x.ip.b}:${SERVICE_PORT} blocked-or-timeout`,
      `control-channel ${x.ip.c}:${SERVER_PORT} connected`,
    ]);
    expect(probes.every((p) => p.at.length > 0 && p.ms >= 0)).toBe(true);
    expect(await tableLoaded()).toBe(true);
    expect(await canConnect(x, 'a', x.ip.b, SERVICE_PORT)).toBe(false);
    expect(await canConnect(x, 'a', x.ip.c, SERVER_PORT)).toBe(true);
    expect((await x.exec('b', ['ping', '-c', '1', '-W', '1', x.ip.a])).code).not.toBe(0);
    expect((await x.exec('b', ['ping', '-c', '1', '-W', '1', x.ip.c])).code).toBe(0);
    const ping = await finalState((await api<AgentCommandView>('POST', `/api/agents/${agentId}/commands`, { type: 'ping' })).id);
    expect(ping.state).toBe('verified');
  }, 90_000);

  it('puts the isolation back when the agent restarts and finds its table gone', async () => {
    const x = t();
    if (agent) await procs.stop(agent, 'SIGKILL');
    expect((await x.exec('a', ['nft', 'delete', 'table', 'inet', TABLE])).code).toBe(0);
    expect(await canConnect(x, 'a', x.ip.b, SERVICE_PORT)).toBe(true);
    agent = startAgent('fbe_already-enrolled-token-is-ignored');
    await waitFor('the table back after the restart', tableLoaded, 60_000, 200);
    expect(await canConnect(x, 'a', x.ip.b, SERVICE_PORT)).toBe(false);
    await waitFor('the agent back online', async () => (await api<AgentView>('GET', `/api/agents/${agentId}`)).online, 60_000, 250);
    expect(agent.output()).toContain('re-applied');
  }, 90_000);

  it('releases: exactly its table goes, traffic to b is restored, and the root namespace was never touched', async () => {
    const x = t();
    const other = 'table inet fbt_other {\n  chain c { type filter hook output priority 10; policy accept; }\n}\n';
    expect((await x.exec('a', ['nft', '-f', '-'], other)).code).toBe(0);
    const done = await finalState((await api<AgentCommandView>('POST', `/api/agents/${agentId}/commands`, { type: 'release' })).id);
    expect(done).toMatchObject({ state: 'verified', evidence: { removed: true, tableAbsent: true } });
    expect(await tableLoaded()).toBe(false);
    expect((await x.exec('a', ['nft', 'list', 'tables'])).stdout).toContain('fbt_other');
    const restored = await canConnect(x, 'a', x.ip.b, SERVICE_PORT);
    expect(restored, `${(await x.exec('a', ['nft', 'list', 'ruleset'])).stdout}\n${(await x.exec('a', ['nc', '-v', '-z', '-w', '2', x.ip.b, String(SERVICE_PORT)])).stderr}\n${procs.describe()}`).toBe(true);
    const agentView = await waitFor('the agent to report the release', async () => {
      const a = await api<AgentView>('GET', `/api/agents/${agentId}`);
      return a.isolation?.['state'] === 'released' ? a : undefined;
    }, 30_000, 250);
    expect(agentView.online).toBe(true);
    expect((await run(['nft', 'list', 'ruleset'])).stdout).toBe(rootRulesetBefore);
  }, 90_000);
});
