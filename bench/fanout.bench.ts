/**
 * Fan-out: an isolation over 10,000 simulated agents, from approval until every action is verified. A real
 * server runs in this process (PGlite by default; `--pg` for the PostgreSQL at DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test), a load process (a child, so its event loop is its own) holds
 * 10,000 real WebSocket connections of simulated agents that check every command's Ed25519 signature with the
 * agent's own gate and answer as the agent would (applied, then verified with evidence). The reference is the
 * same fan-out as bare NATS request/reply (10,000 requests to 10,000 subscribers). Goal: under 5 s.
 *
 * Path (`--via=plan|executor|connector`, default: the first available): the plan API (propose, two approvals;
 * timed from the approval that starts it), the durable executor (`submit`, timed from the submission), or the
 * agent connector's `executeMany` directly. Size: FANOUT_AGENTS (default 10000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { forkFleet, type RemoteFleet } from '../src/agent/simulate/fleet-process.js';
import type { EstateDocument } from '../src/estate/schema.js';
import { loadConfig } from '../src/server/config.js';
import { startServer, type RunningServer } from '../src/server/serve.js';
import { natsFanout } from './fanout-nats.js';
import { runVia, type Via } from './fanout-run.js';

const PASSWORD = 'fanout-bench-password';
const AGENTS = Number(process.env['FANOUT_AGENTS'] ?? 10_000);
const SEGMENT_SIZE = 500;

function flag(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? 'true');
}

export function fanoutHosts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `sim-${String(i + 1).padStart(5, '0')}`);
}

/** One entity, a segment per 500 hosts. */
function estate(hosts: readonly string[]): EstateDocument {
  const segments = Array.from({ length: Math.ceil(hosts.length / SEGMENT_SIZE) }, (_, s) => ({ id: `seg-${s}`, name: `Segment ${s}`, entity: 'sim-co', cidrs: [`10.${100 + Math.floor(s / 256)}.${s % 256}.0/24`], external: [] }));
  return {
    version: 1,
    regions: [{ id: 'emea', name: 'EMEA' }],
    entities: [{ id: 'sim-co', name: 'Simulated Co', country: 'GB', region: 'emea', regulators: [], flags: {} }],
    sites: [],
    segments,
    links: [],
    hosts: hosts.map((hostname, i) => ({ hostname, ips: [], os: 'linux', role: 'workstation', criticality: 'low', entity: 'sim-co', segment: `seg-${Math.floor(i / SEGMENT_SIZE)}`, tags: [] })),
    services: [],
    dataStores: [],
  } as unknown as EstateDocument;
}

const PG_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The server, on PGlite in `dir` or (with --pg) on PostgreSQL in a schema of its own, dropped by `cleanup`. */
async function startBenchServer(dir: string): Promise<{ server: RunningServer; cleanup: () => Promise<void> }> {
  const env: Record<string, string> = { FIREBREAK_DATA: dir, FIREBREAK_PORT: '0', FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: PASSWORD, FIREBREAK_LOG_LEVEL: 'error' };
  if (flag('pg') === undefined) return { server: await startServer(loadConfig(env)), cleanup: () => Promise.resolve() };
  const schema = `fanout_${randomBytes(4).toString('hex')}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
  };
  return { server: await startServer(loadConfig({ ...env, DATABASE_URL: PG_URL, FIREBREAK_DB_SCHEMA: schema })), cleanup: dropSchema };
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** With FANOUT_PROFILE=file.cpuprofile, a CPU profile of this process (the server) during the timed run. */
async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return () => Promise.resolve();
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs the benchmark and prints its table; returns the figures. */
export async function run(): Promise<object> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firebreak-fanout-'));
  const hosts = fanoutHosts(AGENTS);
  let server: RunningServer | undefined;
  let fleet: RemoteFleet | undefined;
  let cleanup = () => Promise.resolve();
  try {
    ({ server, cleanup } = await startBenchServer(dir));
    await server.ctx.estate.replaceWithDocument(estate(hosts));
    const adminToken = await login(server.url);
    const t = performance.now();
    fleet = await forkFleet({ server: server.url, adminToken, hosts, behaviour: { heartbeatMs: 15_000 }, connectTimeoutMs: 600_000 });
    const agents = server.ctx.agents;
    await waitFor('every agent held by the server', () => agents.hub.size === hosts.length, 120_000);
    await agents.presence.settled();
    const setupMs = performance.now() - t;
    console.log(`setup: ${hosts.length} agents enrolled and connected in ${(setupMs / 1000).toFixed(1)} s (load process pid ${fleet.pid})`);

    const loadBefore = (await fleet.stats()).cpuMs;
    const cpuBefore = cpuMs();
    const profile = await startProfile(process.env['FANOUT_PROFILE']);
    const via = await runVia((flag('via') as Via | undefined) ?? 'auto', server, hosts, adminToken);
    await profile();
    const ms = via.ms;
    const serverCpu = cpuMs() - cpuBefore;
    const stats = await fleet.stats();
    const loadCpu = stats.cpuMs - loadBefore;

    const natsMs = await natsFanout(hosts.length);
    const rows = [
      ['baseline: bare NATS request/reply', natsMs, hosts.length / (natsMs / 1000)],
      [`isolation via ${via.path} (approval to all verified)`, ms, hosts.length / (ms / 1000)],
    ] as const;
    console.log(`${'measurement'.padEnd(52)}  ${'seconds'.padStart(8)}  ${'actions/s'.padStart(10)}  ${'x baseline'.padStart(10)}`);
    for (const [name, value, rate] of rows) console.log(`${name.padEnd(52)}  ${(value / 1000).toFixed(3).padStart(8)}  ${rate.toFixed(0).padStart(10)}  ${(value / natsMs).toFixed(2).padStart(10)}`);
    console.log(`verified ${via.verified} of ${hosts.length}; failed ${via.failed}; agents isolated ${stats.isolated}, commands received ${stats.commands['isolate'] ?? 0}, refused ${JSON.stringify(stats.rejected)}`);
    console.log(`cpu during the run: server ${(serverCpu / 1000).toFixed(2)} s, load process ${(loadCpu / 1000).toFixed(2)} s; ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2) ?? '?'}; database ${flag('pg') !== undefined ? 'PostgreSQL' : 'PGlite'}; goal < 5 s: ${ms < 5000 ? 'met' : 'NOT met'}`);
    return {
      agents: hosts.length, path: via.path, database: flag('pg') !== undefined ? 'postgres' : 'pglite', seconds: ms / 1000, actionsPerSecond: hosts.length / (ms / 1000),
      verified: via.verified, failed: via.failed, baselineNatsSeconds: natsMs / 1000, ratioToBaseline: ms / natsMs, setupSeconds: setupMs / 1000,
      serverCpuSeconds: serverCpu / 1000, loadCpuSeconds: loadCpu / 1000, goalMet: ms < 5000,
    };
  } finally {
    await fleet?.close();
    await server?.close();
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
