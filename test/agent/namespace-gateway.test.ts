/**
 * Segment cuts with real parts: network namespaces made by this test, a router running the real agent in
 * gateway role (`firebreak agent --role gateway` under `ip netns exec`) with IPv4 forwarding on, a host in the
 * segment that gets cut (h), a host in a peer segment (p), a host outside the estate's networks (x), and the
 * real server (c), each behind the router. A cut of h's segment from p stops h <-> p traffic while the server and
 * x stay reachable; an external cut coexists with it; the cut comes back after an agent restart that finds its
 * table gone; restoring removes exactly one cut's table and brings its traffic back. The evidence is recorded.
 *
 * Needs root and nft, ip, nc: without them the test fails and says what to install (it never skips).
 * The root namespace is never touched: the test reaches the server through a Unix socket forwarded inside c.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommandView, AgentView } from '../../src/contracts/agents.js';
import { createGatewayTopology, reaches, type GatewayTopology } from './support/gateway-netns.js';
import { INSTALL_HINT, missingPrerequisites, run } from './support/netns.js';
import { Processes, type Started } from './support/processes.js';
import { unixRequest } from './support/unix-http.js';
import { waitFor } from './support/wait.js';

const PASSWORD = 'namespace-test-password';
const SERVER_PORT = 7373;
const SERVICE_PORT = 8080;
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['node', '--import', 'tsx', path.join(ROOT, 'src/cli/run.ts')];
const PEER_CUT = 'fbt_peer';
const EXT_CUT = 'fbt_ext';

let topo: GatewayTopology | undefined;
let tmp: string;
let socket: string;
let token: string;
let agentId: string;
let agent: Started | undefined;
let rootRulesetBefore: string;
const procs = new Processes();

function t(): GatewayTopology {
  if (!topo) throw new Error('the topology was not created: see the first failure');
  return topo;
}

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await unixRequest(socket, method, url, body, token);
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.body as T;
}

function startAgent(enrolToken: string): Started {
  const x = t();
  return procs.start('agent (router, gateway role)', [
    'ip', 'netns', 'exec', x.ns.r, ...CLI, 'agent', '--role', 'gateway', '--server', `http://${x.ip.c}:${SERVER_PORT}`, '--enrol', enrolToken,
    '--state-dir', path.join(tmp, 'agent-state'), '--hostname', 'fbt-gw', '--heartbeat', '1',
  ]);
}

async function command(type: string, args: Record<string, unknown>): Promise<AgentCommandView> {
  const sent = await api<AgentCommandView>('POST', `/api/agents/${agentId}/commands`, { type, args });
  return waitFor(`${type} ${sent.id} to end`, async () => {
    const page = await api<{ items: AgentCommandView[] }>('GET', `/api/agents/${agentId}/commands?limit=50`);
    const c = page.items.find((i) => i.id === sent.id);
    return c && (c.state === 'verified' || c.state === 'failed') ? c : undefined;
  }, 60_000, 200);
}

const cutTables = async () => (await t().exec('r', ['nft', '-j', 'list', 'tables'])).stdout.match(/firebreak_cut_\w+/g)?.sort() ?? [];
const service = (host: 'h' | 'p' | 'x' | 'c') => t().ip[host];

const ESTATE = (x: GatewayTopology) => `
version: 1
regions: [{ id: lab, name: Lab }]
entities: [{ id: lab-co, name: Lab Co, country: GB, region: lab }]
segments:
  - { id: lab-seg, name: Cut segment, entity: lab-co, cidrs: [${x.net.h}] }
  - { id: lab-peer, name: Peer segment, entity: lab-co, cidrs: [${x.net.p}] }
  - { id: lab-mgmt, name: Management, entity: lab-co, cidrs: [${x.net.c}] }
hosts: [{ hostname: fbt-gw, ips: [${x.router.c}], os: linux, role: router, entity: lab-co, segment: lab-mgmt }]
`;

beforeAll(async () => {
  const problems = await missingPrerequisites();
  if (problems.length > 0) throw new Error(`cannot run the namespace gateway test: ${problems.join('; ')}. Run as root after: ${INSTALL_HINT}`);
  rootRulesetBefore = (await run(['nft', 'list', 'ruleset'])).stdout;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'fbt-gw-'));
  socket = path.join(tmp, 'api.sock');
  topo = await createGatewayTopology();
  const x = t();
  await mkdir(path.join(tmp, 'no-rules'));
  for (const host of ['h', 'p', 'x', 'c'] as const) {
    procs.start(`service (${host})`, ['ip', 'netns', 'exec', x.ns[host], 'node', '--import', 'tsx', path.join(ROOT, 'test/agent/support/tcp-listener.ts'), x.ip[host], String(SERVICE_PORT)]);
  }
  procs.start('server (c)', ['ip', 'netns', 'exec', x.ns.c, ...CLI, 'serve', '--host', x.ip.c, '--port', String(SERVER_PORT), '--data', path.join(tmp, 'server')], {
    FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_DEMO: 'false', FIREBREAK_LOG_LEVEL: 'warn', FIREBREAK_RULES: path.join(tmp, 'no-rules'),
  });
  procs.start('forwarder (c)', ['ip', 'netns', 'exec', x.ns.c, 'node', '--import', 'tsx', path.join(ROOT, 'test/agent/support/unix-forward.ts'), socket, x.ip.c, String(SERVER_PORT)]);
  await waitFor('the server in namespace c', async () => (await unixRequest(socket, 'GET', '/api/health').catch(() => ({ status: 0 }))).status === 200, 240_000, 250)
    .catch((error: unknown) => { throw new Error(`${String(error)}\n${procs.describe()}`); });
  token = ((await unixRequest(socket, 'POST', '/api/auth/token', { username: 'admin', password: PASSWORD })).body as { token: string }).token;
  await api('POST', '/api/estate/import', { content: ESTATE(x), filename: 'lab.yaml' });
  for (const host of ['h', 'p', 'x', 'c'] as const) await waitFor(`the service on ${host}`, () => reaches(x, 'r', x.ip[host], SERVICE_PORT), 30_000, 200);
}, 300_000);

afterAll(async () => {
  await procs.stopAll();
  const problems = (await topo?.destroy()) ?? [];
  if (tmp) await rm(tmp, { recursive: true, force: true });
  const left = (await run(['ip', 'netns', 'list'])).stdout.split('\n').filter((l) => topo && l.startsWith(`fbt-${topo.id}-`));
  if (problems.length > 0 || left.length > 0) throw new Error(`cleanup incomplete: ${[...problems, ...left].join('; ')}`);
}, 60_000);

describe('segment cuts on a gateway in network namespaces (real agent, real nftables, real forwarding)', () => {
  it('enrols the agent on the router, and traffic between the segments flows through it', async () => {
    const x = t();
    const created = await api<{ token: string }>('POST', '/api/agents/enrolment-tokens', { host: 'fbt-gw', expires: '10m' });
    agent = startAgent(created.token);
    const seen = await waitFor('the gateway agent online', async () => {
      const list = await api<{ items: AgentView[] }>('GET', '/api/agents');
      return list.items.find((a) => a.hostname === 'fbt-gw' && a.online && a.ips.length > 0);
    }, 60_000, 250).catch((error: unknown) => { throw new Error(`${String(error)}\n${procs.describe()}`); });
    agentId = seen.id;
    expect(seen.ips).toEqual(expect.arrayContaining([x.router.h, x.router.p]));
    expect(agent.output()).toContain('started as gateway');
    expect(await reaches(x, 'h', service('p'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'p', service('h'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'h', service('x'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'h', x.ip.c, SERVICE_PORT)).toBe(true);
  }, 90_000);

  it('cuts the segment from its peer: h <-> p stops, the rest flows, and the evidence is recorded', async () => {
    const x = t();
    const done = await command('segment_cut', { cutId: PEER_CUT, segment: 'lab-seg', cidrs: [x.net.h], peers: [x.net.p], probe: { host: x.ip.h, port: SERVICE_PORT } });
    expect(done.state, JSON.stringify(done, null, 2) + procs.describe()).toBe('verified');
    expect(done.history.map((h) => h.state)).toEqual(['requested', 'sent', 'applied', 'verified']);
    expect(done.evidence).toMatchObject({
      cutId: PEER_CUT, table: `firebreak_cut_${PEER_CUT}`, controlEndpoints: [{ address: x.ip.c, port: SERVER_PORT }], forwarding: { ipv4: true }, otherCuts: [], warnings: [],
      ruleset: { rulesetHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), check: { ok: true, problems: [] }, rules: 4 },
    });
    const probes = done.evidence?.['probes'] as { purpose: string; target: string; outcome: string; passed: boolean }[];
    expect(probes.map((p) => `${p.purpose} ${p.target} ${p.outcome} ${p.passed}`)).toEqual([
      `baseline-before-cut ${x.ip.h}:${SERVICE_PORT} connected true`,
      `gateway-access ${x.ip.h}:${SERVICE_PORT} connected true`,
    ]);
    expect(await cutTables()).toEqual([`firebreak_cut_${PEER_CUT}`]);
    expect(await reaches(x, 'h', service('p'), SERVICE_PORT)).toBe(false);
    expect(await reaches(x, 'p', service('h'), SERVICE_PORT)).toBe(false);
    expect(await reaches(x, 'h', service('x'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'h', x.ip.c, SERVER_PORT)).toBe(true);
    expect(await reaches(x, 'r', service('h'), SERVICE_PORT)).toBe(true);
  }, 90_000);

  it('puts the cut back when the agent restarts and finds its table gone', async () => {
    const x = t();
    if (agent) await procs.stop(agent, 'SIGKILL');
    expect((await x.exec('r', ['nft', 'delete', 'table', 'inet', `firebreak_cut_${PEER_CUT}`])).code).toBe(0);
    expect(await reaches(x, 'h', service('p'), SERVICE_PORT)).toBe(true);
    agent = startAgent('fbe_already-enrolled-token-is-ignored');
    await waitFor('the cut table back after the restart', async () => (await cutTables()).length === 1, 60_000, 200);
    expect(await reaches(x, 'h', service('p'), SERVICE_PORT)).toBe(false);
    await waitFor('the agent back online', async () => (await api<AgentView>('GET', `/api/agents/${agentId}`)).online, 60_000, 250);
    expect(agent.output()).toContain(`cut ${PEER_CUT} (segment lab-seg) re-applied`);
  }, 90_000);

  it('adds an external cut beside it: h <-> x stops too, and h keeps only the control channel to the server', async () => {
    const x = t();
    // The management network is left out of `internal`: the server is "outside", yet its control port stays open.
    const done = await command('segment_cut', { cutId: EXT_CUT, segment: 'lab-seg', cidrs: [x.net.h], external: true, internal: [x.net.h, x.net.p] });
    expect(done.state, JSON.stringify(done, null, 2) + procs.describe()).toBe('verified');
    expect(done.evidence).toMatchObject({ cutId: EXT_CUT, otherCuts: [`firebreak_cut_${PEER_CUT}`], ruleset: { check: { ok: true } }, probes: [] });
    expect(await cutTables()).toEqual([`firebreak_cut_${EXT_CUT}`, `firebreak_cut_${PEER_CUT}`]);
    expect(await reaches(x, 'h', service('x'), SERVICE_PORT)).toBe(false);
    expect(await reaches(x, 'x', service('h'), SERVICE_PORT)).toBe(false);
    expect(await reaches(x, 'h', x.ip.c, SERVER_PORT)).toBe(true);
    expect(await reaches(x, 'h', x.ip.c, SERVICE_PORT)).toBe(false);
    expect(await reaches(x, 'p', service('x'), SERVICE_PORT)).toBe(true);
  }, 90_000);

  it('restores one cut: exactly its table goes, with what it dropped, and its traffic comes back', async () => {
    const x = t();
    const other = 'table inet fbt_other {\n  chain c { type filter hook forward priority 10; policy accept; }\n}\n';
    expect((await x.exec('r', ['nft', '-f', '-'], other)).code).toBe(0);
    const done = await command('segment_restore', { cutId: PEER_CUT });
    expect(done.history.map((h) => h.state)).toEqual(['requested', 'sent', 'applied', 'verified']);
    expect(done.evidence).toMatchObject({
      cutId: PEER_CUT, segment: 'lab-seg', table: `firebreak_cut_${PEER_CUT}`, removed: true, tableAbsent: true,
      previousRulesetHash: expect.stringMatching(/^sha256:/), otherCuts: [`firebreak_cut_${EXT_CUT}`],
    });
    const dropped = done.evidence?.['dropped'] as { packets: number; bytes: number };
    expect(dropped.packets).toBeGreaterThan(0);
    expect(await cutTables()).toEqual([`firebreak_cut_${EXT_CUT}`]);
    expect((await x.exec('r', ['nft', 'list', 'tables'])).stdout).toContain('fbt_other');
    expect(await reaches(x, 'h', service('p'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'p', service('h'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'h', service('x'), SERVICE_PORT)).toBe(false);
  }, 90_000);

  it('restores the external cut: all traffic flows again, and the root namespace was never touched', async () => {
    const x = t();
    const done = await command('segment_restore', { cutId: EXT_CUT });
    expect(done).toMatchObject({ state: 'verified', evidence: { removed: true, tableAbsent: true, otherCuts: [] } });
    expect(await cutTables()).toEqual([]);
    expect(await reaches(x, 'h', service('x'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'x', service('h'), SERVICE_PORT)).toBe(true);
    expect(await reaches(x, 'h', x.ip.c, SERVICE_PORT)).toBe(true);
    const again = await command('segment_restore', { cutId: EXT_CUT });
    expect(again).toMatchObject({ state: 'verified', evidence: { removed: false, tableAbsent: true } });
    expect((await run(['nft', 'list', 'ruleset'])).stdout).toBe(rootRulesetBefore);
  }, 90_000);
});
