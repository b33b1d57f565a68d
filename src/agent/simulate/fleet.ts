/**
 * A fleet of simulated agents in one process (10,000 sockets is fine): enrolled through the real API, each on
 * its own WebSocket, verifying every signed command with the agent's own gate, answering as the real agent
 * would (see sim-handlers.ts), with latency and faults from the behaviour (behaviour.ts). For tests, benches
 * and exercises.
 *
 * @example
 * const fleet = await startSimulatedFleet({ server: 'http://127.0.0.1:8080', adminToken, hosts: ['web01', 'web02'],
 *   behaviour: { latencyMs: [5, 50], infected: { hosts: ['web02'] }, faults: [{ effect: 'fail', hosts: ['web01'], types: ['isolate'], times: 1 }] } });
 * fleet.agent('web01')?.host.isolation; // null until an isolate command ran
 * await fleet.close();
 */
import type { KeyObject } from 'node:crypto';
import { publicKeyFromPem } from '../protocol/signing.js';
import { behaviourSchema, faultFor, type Behaviour, type BehaviourInput, type Indicators } from './behaviour.js';
import { SimulatedAgent, type AgentIdentity } from './sim-agent.js';
import { enrolFleet, fleetTokens, FleetEnrolmentError } from './sim-enrol.js';
import { simRegistries, type SimHost, type SimWorld } from './sim-handlers.js';

export interface SimulatedHostSpec {
  hostname: string;
  ips?: string[];
  /** `gateway` agents also run segment cuts (default `endpoint`). */
  role?: 'endpoint' | 'gateway';
}

export interface FleetOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8080`. */
  server: string;
  hosts: readonly (string | SimulatedHostSpec)[];
  /** Enrol with one-time tokens made (1,000 per request) with this admin token... */
  adminToken?: string;
  /** ...or with these tokens (hostname to token)... */
  enrolTokens?: Readonly<Record<string, string>>;
  /** ...or reuse identities from an earlier fleet (no enrolment). */
  identities?: readonly AgentIdentity[];
  behaviour?: BehaviourInput;
  /** Connections opened at once (default 256). */
  connectConcurrency?: number;
  /** How long to wait for every online agent's welcome (default 120 s). */
  connectTimeoutMs?: number;
  log?: (line: string) => void;
  /** The agents' clock (default the real one); an exercise passes its scenario clock, the server's too. */
  now?: () => Date;
}

export interface FleetStats {
  agents: number;
  connected: number;
  poweredOff: number;
  isolated: number;
  cuts: number;
  /** Commands that reached a handler, by type. */
  commands: Record<string, number>;
  /** Faults injected, by effect. */
  faults: Record<string, number>;
  /** Commands refused by the verify-command gate, by code (bad_signature, replayed_id, ...). */
  rejected: Record<string, number>;
  /** Changes that took effect, by kind (isolate, release, segment_cut, shutdown, ...). */
  effects: Record<string, number>;
}

export interface SimulatedFleet {
  readonly agents: readonly SimulatedAgent[];
  readonly identities: readonly AgentIdentity[];
  agent(hostname: string): SimulatedAgent | undefined;
  /** Resolves when these agents (default: every agent not offline or powered off) have been welcomed. */
  waitConnected(hostnames?: readonly string[], timeoutMs?: number): Promise<void>;
  /** Drops their connections (a network failure); back after `offlineMs` when given, else on `setOnline`. */
  setOffline(hostnames: readonly string[], offlineMs?: number): void;
  /** Connects them again (and powers on hosts that were shut down). */
  setOnline(hostnames: readonly string[]): void;
  /** They now hold these indicators (default: every indicator a sweep looks for). */
  infect(hostnames: readonly string[], indicators?: Partial<Indicators>): void;
  disinfect(hostnames: readonly string[]): void;
  setBehaviour(patch: Partial<BehaviourInput>): void;
  stats(): FleetStats;
  close(): Promise<void>;
}

const TICK_MS = 100;

function spec(host: string | SimulatedHostSpec, i: number): Required<SimulatedHostSpec> {
  const s = typeof host === 'string' ? { hostname: host } : host;
  return { hostname: s.hostname, ips: s.ips ?? [`10.200.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`], role: s.role ?? 'endpoint' };
}

function infection(indicators: Partial<Indicators> | undefined): Indicators | 'any' {
  const full = { sha256: indicators?.sha256 ?? [], processNames: indicators?.processNames ?? [], remote: indicators?.remote ?? [] };
  return full.sha256.length + full.processNames.length + full.remote.length === 0 ? 'any' : full;
}

async function identitiesFor(options: FleetOptions, hostnames: string[]): Promise<AgentIdentity[]> {
  if (options.identities) return [...options.identities];
  const server = options.server.replace(/\/+$/, '');
  if (options.enrolTokens) return enrolFleet(server, new Map(hostnames.map((h) => [h, options.enrolTokens?.[h] ?? ''])));
  if (options.adminToken) return enrolFleet(server, await fleetTokens(server, options.adminToken, hostnames));
  throw new FleetEnrolmentError('a fleet needs adminToken, enrolTokens or identities to enrol its agents');
}

/** Enrols (unless given identities), connects every agent not listed offline, and waits for their welcome. */
export async function startSimulatedFleet(options: FleetOptions): Promise<SimulatedFleet> {
  let behaviour: Behaviour = behaviourSchema.parse(options.behaviour ?? {});
  const specs = options.hosts.map(spec);
  const identities = await identitiesFor(options, specs.map((s) => s.hostname));
  const url = new URL(options.server);
  const hits: number[] = [];
  const byId = new Map<string, SimulatedAgent>();
  const byHost = new Map<string, SimulatedAgent>();
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const world: SimWorld = {
    behaviour: () => behaviour,
    host: (agentId) => byId.get(agentId)?.host,
    fault: (host, type, commandId) => faultFor(behaviour, host.hostname, type, commandId, hits),
    server: { address: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) },
    disconnect: (agentId, ms) => byId.get(agentId)?.goOffline(ms),
    powerOff: (agentId, delayMs) => setTimeout(() => byId.get(agentId)?.powerOff(), delayMs).unref(),
    now,
  };
  const registries = simRegistries(world);
  const keys = new Map<string, KeyObject>();
  const keyOf = (pem: string): KeyObject => {
    const key = keys.get(pem) ?? publicKeyFromPem(pem);
    keys.set(pem, key);
    return key;
  };
  const infected = new Set(behaviour.infected.hosts);
  const specOf = new Map(specs.map((s) => [s.hostname, s]));
  for (const identity of identities) {
    const s = specOf.get(identity.hostname) ?? spec(identity.hostname, byHost.size);
    const host: SimHost = {
      hostname: identity.hostname, ips: s.ips, role: s.role, isolation: null, cuts: new Map(), poweredOff: false, effects: {}, commands: [], received: {}, faulted: {}, dropped: new Set(),
      infection: infected.has(identity.hostname) ? infection(behaviour.infected.indicators) : null,
    };
    const agent = new SimulatedAgent(identity, host, {
      serverUrl: options.server, publicKey: keyOf(identity.serverPublicKey), registry: s.role === 'gateway' ? registries.gateway : registries.endpoint, backoff: () => behaviour.reconnect,
      heartbeatMs: () => behaviour.heartbeatMs, random: Math.random, now, log,
    });
    byId.set(agent.agentId, agent);
    byHost.set(agent.hostname, agent);
  }
  const agents = [...byHost.values()];
  const offline = new Set(behaviour.offline);
  const fleet = makeFleet(agents, identities, byHost, {
    get: () => behaviour,
    set: (patch) => (behaviour = behaviourSchema.parse({ ...behaviour, ...patch })),
  });
  await connectAll(agents.filter((a) => !offline.has(a.hostname)), options.connectConcurrency ?? 256, options.connectTimeoutMs ?? 120_000).catch(async (error: unknown) => {
    await fleet.close();
    throw error;
  });
  return fleet;
}

async function connectAll(agents: readonly SimulatedAgent[], concurrency: number, timeoutMs: number): Promise<void> {
  let next = 0;
  const deadline = Date.now() + timeoutMs;
  const worker = async () => {
    while (next < agents.length && Date.now() < deadline) {
      const agent = agents[next++];
      if (!agent) continue;
      agent.goOnline();
      await agent.untilWelcomed();
    }
  };
  const all = Promise.all(Array.from({ length: Math.min(concurrency, agents.length) }, worker));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FleetEnrolmentError(`only ${agents.filter((a) => a.connected).length} of ${agents.length} agents connected within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([all, late]);
  } finally {
    clearTimeout(timer);
  }
}

interface BehaviourBox {
  get(): Behaviour;
  set(patch: Partial<BehaviourInput>): void;
}

function makeFleet(agents: SimulatedAgent[], identities: AgentIdentity[], byHost: Map<string, SimulatedAgent>, behaviour: BehaviourBox): SimulatedFleet {
  let tick = 0;
  const ticker = setInterval(() => {
    tick += 1;
    const beat = Math.max(1, Math.round(behaviour.get().heartbeatMs / TICK_MS));
    const inventory = Math.max(1, Math.round(behaviour.get().inventoryMs / TICK_MS));
    for (let i = tick % beat; i < agents.length; i += beat) agents[i]?.heartbeat();
    for (let i = tick % inventory; i < agents.length; i += inventory) if (agents[i]?.connected) agents[i]?.sendInventory();
  }, TICK_MS);
  ticker.unref();
  const each = (hostnames: readonly string[], fn: (agent: SimulatedAgent) => void) => {
    for (const h of hostnames) {
      const agent = byHost.get(h);
      if (agent) fn(agent);
    }
  };
  return {
    agents,
    identities,
    agent: (hostname) => byHost.get(hostname),
    waitConnected: (hostnames, timeoutMs = 60_000) => {
      const wanted = hostnames ? hostnames.flatMap((h) => byHost.get(h) ?? []) : agents.filter((a) => !a.host.poweredOff && !behaviour.get().offline.includes(a.hostname));
      return connectAll(wanted, wanted.length, timeoutMs);
    },
    setOffline: (hostnames, offlineMs) => each(hostnames, (a) => a.goOffline(offlineMs)),
    setOnline: (hostnames) => each(hostnames, (a) => a.goOnline()),
    infect: (hostnames, indicators) => each(hostnames, (a) => (a.host.infection = infection(indicators))),
    disinfect: (hostnames) => each(hostnames, (a) => (a.host.infection = null)),
    setBehaviour: (patch) => behaviour.set(patch),
    stats: () => fleetStats(agents),
    async close() {
      clearInterval(ticker);
      await Promise.all(agents.map((a) => a.stop()));
    },
  };
}

function add(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

export function fleetStats(agents: readonly SimulatedAgent[]): FleetStats {
  const stats: FleetStats = { agents: agents.length, connected: 0, poweredOff: 0, isolated: 0, cuts: 0, commands: {}, faults: {}, rejected: {}, effects: {} };
  for (const agent of agents) {
    const { host } = agent;
    if (agent.connected) stats.connected += 1;
    if (host.poweredOff) stats.poweredOff += 1;
    if (host.isolation) stats.isolated += 1;
    stats.cuts += host.cuts.size;
    for (const [type, n] of Object.entries(host.received)) add(stats.commands, type, n);
    for (const [effect, n] of Object.entries(host.faulted)) add(stats.faults, effect, n);
    for (const [code, n] of Object.entries(agent.rejections)) add(stats.rejected, code, n);
    for (const [kind, n] of Object.entries(host.effects)) add(stats.effects, kind, n);
  }
  return stats;
}
