/**
 * The running agent: loads its state, puts a recorded isolation (and, on a gateway, every recorded cut) back if
 * its table went missing (a reboot, a flush), connects, reports inventory and heartbeats, and hands commands to
 * the processor.
 *
 * @example
 * const runner = await AgentRunner.start({ ...DEFAULT_AGENT_CONFIG, stateDir: '/var/lib/firebreak/agent' }, realAgentDeps(console.error));
 * process.once('SIGTERM', () => void runner.stop());
 */
import { CutStore } from '../gateway/cut-store.js';
import { Gateway } from '../gateway/gateway.js';
import { restoreCuts } from '../gateway/restore-cuts.js';
import { forwardingStatus, routedNetworks, type Forwarding } from '../gateway/routing.js';
import { buildRegistry } from '../handlers/build-registry.js';
import type { GatewayDeps } from '../handlers/gateway.deps.js';
import type { IsolationDeps } from '../handlers/isolation.deps.js';
import type { HandlerRegistry } from '../handlers/registry.js';
import { POWER_OFF_COMMANDS } from '../handlers/shutdown.handler.js';
import { dnsResolver, defaultGateway, type Resolver } from '../isolation/endpoints.js';
import { Isolator } from '../isolation/isolator.js';
import { NftClient } from '../isolation/nft-client.js';
import { tcpProbe, type Prober } from '../isolation/probe.js';
import { DEFAULT_TABLE } from '../isolation/ruleset.js';
import type { ProbeTarget } from '../protocol/command.js';
import type { GatewayInventory, ResultMessage } from '../protocol/messages.js';
import { publicKeyFromPem } from '../protocol/signing.js';
import { defaultSweepPaths } from '../sweep/default-paths.js';
import type { HostCollectors } from '../sweep/host.js';
import { hostCollectors } from '../sweep/linux-host.js';
import { AgentChannel, connectUrl } from './channel.js';
import { CommandProcessor } from './command-processor.js';
import { processExecutor, type SystemExecutor } from './executor.js';
import { collectInventory, isolationStatus, type AgentRole } from './inventory.js';
import { StateFile, StateHolder } from './state-file.js';

export interface AgentConfig {
  stateDir: string;
  /** The command that runs nft (e.g. `['ip', 'netns', 'exec', 'ns1', 'nft']`). */
  nft: string[];
  ip: string[];
  table: string;
  /** The blocked target probed after isolating; default: the default gateway on `probePort`. */
  probe?: ProbeTarget;
  probePort: number;
  probeTimeoutMs: number;
  heartbeatMs: number;
  inventoryMs: number;
  /** `gateway` on a Linux router: adds segment_cut and segment_restore. */
  role: AgentRole;
  /** Power-off commands for `shutdown`, tried in order. */
  shutdown: readonly (readonly string[])[];
}

export const DEFAULT_AGENT_CONFIG: Omit<AgentConfig, 'stateDir'> = {
  nft: ['nft'],
  ip: ['ip'],
  table: DEFAULT_TABLE,
  probePort: 443,
  probeTimeoutMs: 2000,
  heartbeatMs: 15_000,
  inventoryMs: 5 * 60_000,
  role: 'endpoint',
  shutdown: POWER_OFF_COMMANDS,
};

export interface AgentDeps {
  executor: SystemExecutor;
  probe: Prober;
  resolve: Resolver;
  now: () => Date;
  log: (line: string) => void;
  random?: () => number;
  /** Processes, sockets and files for sweep and triage (default: this host's). */
  host?: HostCollectors;
  /** Whether this network namespace forwards (default: /proc/sys). */
  forwarding?: () => Promise<Forwarding>;
  /** Delays the shutdown (default setTimeout). */
  schedule?: (task: () => void, ms: number) => void;
}

export function realAgentDeps(log: (line: string) => void): AgentDeps {
  return { executor: processExecutor, probe: tcpProbe, resolve: dnsResolver, now: () => new Date(), log };
}

/** Re-applies a recorded isolation whose table is missing or changed. Never throws: the agent must still connect. */
async function restoreIsolation(state: StateHolder, isolator: Isolator, log: (line: string) => void): Promise<void> {
  const applied = state.current.isolation;
  if (!applied) return;
  try {
    const current = await isolator.check(applied.spec, applied.rulesetHash);
    if (current.check.ok) return log(`isolation in place (${applied.rulesetHash})`);
    log(`isolation recorded but the table is missing or changed (${current.check.problems.join('; ')}): re-applying`);
    const again = await isolator.apply(applied.spec);
    log(again.check.ok ? `isolation re-applied (${again.rulesetHash})` : `ISOLATION NOT RESTORED: ${again.check.problems.join('; ')}`);
  } catch (error) {
    log(`ISOLATION NOT RESTORED: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface GatewayParts {
  gateway: Gateway;
  cuts: CutStore;
}

/** A gateway's cut store and nft access, with every recorded cut put back if its table went missing. */
async function startGateway(config: AgentConfig, deps: AgentDeps): Promise<GatewayParts> {
  const cuts = await new CutStore(config.stateDir).load();
  const gateway = new Gateway({ executor: deps.executor, nft: config.nft, probe: deps.probe, now: deps.now, probeTimeoutMs: config.probeTimeoutMs });
  await restoreCuts(cuts, gateway, deps.log);
  return { gateway, cuts };
}

async function gatewayInventory(config: AgentConfig, deps: AgentDeps, parts: GatewayParts): Promise<GatewayInventory> {
  return {
    forwarding: await (deps.forwarding ?? forwardingStatus)(),
    routes: await routedNetworks(deps.executor, config.ip),
    cuts: parts.cuts.list().slice(0, 256).map((c) => ({ cutId: c.spec.cutId, segment: c.spec.segment, rulesetHash: c.rulesetHash, since: c.appliedAt })),
  };
}

export class AgentRunner {
  private inventoryTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly state: StateHolder,
    private readonly channel: AgentChannel,
  ) {}

  static async start(config: AgentConfig, deps: AgentDeps): Promise<AgentRunner> {
    const file = new StateFile(config.stateDir);
    const loaded = await file.load();
    if (!loaded) throw new Error(`no agent identity in ${file.file}: enrol first with --enrol TOKEN`);
    const state = new StateHolder(loaded, file);
    const isolator = new Isolator({ nft: new NftClient(deps.executor, config.nft), probe: deps.probe, now: deps.now, probeTimeoutMs: config.probeTimeoutMs });
    await restoreIsolation(state, isolator, deps.log);
    const gateway = config.role === 'gateway' ? await startGateway(config, deps) : undefined;
    const late: { send?: (message: ResultMessage) => void } = {};
    const registry = registryFor(config, deps, { state, isolator, ...(gateway ? { gateway } : {}), report: (message) => late.send?.(message) });
    const inventory = () => collectInventory(state.current, config.role, gateway ? () => gatewayInventory(config, deps, gateway) : undefined);
    const channel = buildChannel(config, deps, state, registry, inventory);
    late.send = (message) => channel.send(message);
    const runner = new AgentRunner(state, channel);
    channel.start();
    runner.inventoryTimer = setInterval(() => void sendInventory(channel, inventory, deps.log), config.inventoryMs);
    deps.log(`started as ${config.role}; handlers: ${registry.types().join(', ')}`);
    return runner;
  }

  get connected(): boolean {
    return this.channel.connected;
  }

  async stop(): Promise<void> {
    clearInterval(this.inventoryTimer);
    await this.channel.stop();
  }
}

interface RunnerParts {
  state: StateHolder;
  isolator: Isolator;
  gateway?: GatewayParts;
  /** Sends a result outside a command's run (a shutdown that failed after `applied`). */
  report: (message: ResultMessage) => void;
}

function registryFor(config: AgentConfig, deps: AgentDeps, parts: RunnerParts): HandlerRegistry {
  const { state, isolator } = parts;
  const isolation: IsolationDeps = {
    isolator,
    state,
    table: config.table,
    resolve: deps.resolve,
    now: deps.now,
    defaultProbe: async () => {
      if (config.probe) return config.probe;
      const gateway = await defaultGateway(deps.executor, config.ip);
      return gateway ? { host: gateway, port: config.probePort } : undefined;
    },
  };
  const host = deps.host ?? hostCollectors();
  const gateway: GatewayDeps | undefined = parts.gateway
    ? { ...parts.gateway, state, resolve: deps.resolve, now: deps.now, forwarding: deps.forwarding ?? (() => forwardingStatus()) }
    : undefined;
  return buildRegistry({
    now: deps.now,
    isolation,
    host: { host, defaultPaths: () => defaultSweepPaths(host.platform) },
    shutdown: { executor: deps.executor, commands: config.shutdown, report: parts.report, schedule: deps.schedule ?? ((task, ms) => void setTimeout(task, ms)), now: deps.now, log: deps.log },
    ...(gateway ? { gateway } : {}),
  });
}

async function sendInventory(channel: AgentChannel, inventory: () => ReturnType<typeof collectInventory>, log: (line: string) => void): Promise<void> {
  try {
    channel.send({ kind: 'inventory', at: new Date().toISOString(), inventory: await inventory() });
  } catch (error) {
    log(`inventory not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function buildChannel(config: AgentConfig, deps: AgentDeps, state: StateHolder, registry: HandlerRegistry, inventory: () => ReturnType<typeof collectInventory>): AgentChannel {
  const processor = new CommandProcessor({
    state,
    publicKey: publicKeyFromPem(state.current.serverPublicKey),
    registry,
    now: deps.now,
    log: deps.log,
    send: (message) => channel.send(message),
  });
  const channel: AgentChannel = new AgentChannel({
    url: connectUrl(state.current.serverUrl),
    credential: state.current.credential,
    heartbeatMs: config.heartbeatMs,
    ...(deps.random ? { random: deps.random } : {}),
    log: deps.log,
    heartbeat: () => ({ kind: 'heartbeat', at: deps.now().toISOString(), isolation: isolationStatus(state.current), lastSeq: state.current.replay.lastSeq }),
    onOpen: () => void sendInventory(channel, inventory, deps.log),
    onMessage: (message) => {
      if (message.kind === 'command') void processor.submit(message.command);
    },
  });
  return channel;
}
