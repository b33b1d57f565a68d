/**
 * The running agent: loads its state, puts a recorded isolation back if the table went missing (a reboot, a
 * flush), connects, reports inventory and heartbeats, and hands commands to the processor.
 *
 * @example
 * const runner = await AgentRunner.start({ ...DEFAULT_AGENT_CONFIG, stateDir: '/var/lib/firebreak/agent' }, realAgentDeps(console.error));
 * process.once('SIGTERM', () => void runner.stop());
 */
import { dnsResolver, defaultGateway, type Resolver } from '../isolation/endpoints.js';
import { Isolator } from '../isolation/isolator.js';
import { NftClient } from '../isolation/nft-client.js';
import { tcpProbe, type Prober } from '../isolation/probe.js';
import { DEFAULT_TABLE } from '../isolation/ruleset.js';
import type { ProbeTarget } from '../protocol/command.js';
import { publicKeyFromPem } from '../protocol/signing.js';
import { isolateHandler } from '../handlers/isolate.handler.js';
import type { IsolationDeps } from '../handlers/isolation.deps.js';
import { pingHandler } from '../handlers/ping.handler.js';
import { HandlerRegistry } from '../handlers/registry.js';
import { releaseHandler } from '../handlers/release.handler.js';
import { AgentChannel, connectUrl } from './channel.js';
import { CommandProcessor } from './command-processor.js';
import { processExecutor, type SystemExecutor } from './executor.js';
import { collectInventory, isolationStatus } from './inventory.js';
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
}

export const DEFAULT_AGENT_CONFIG: Omit<AgentConfig, 'stateDir'> = {
  nft: ['nft'],
  ip: ['ip'],
  table: DEFAULT_TABLE,
  probePort: 443,
  probeTimeoutMs: 2000,
  heartbeatMs: 15_000,
  inventoryMs: 5 * 60_000,
};

export interface AgentDeps {
  executor: SystemExecutor;
  probe: Prober;
  resolve: Resolver;
  now: () => Date;
  log: (line: string) => void;
  random?: () => number;
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
    const registry = buildRegistry(config, deps, state, isolator);
    const channel = buildChannel(config, deps, state, registry);
    const runner = new AgentRunner(state, channel);
    channel.start();
    runner.inventoryTimer = setInterval(() => void sendInventory(channel, state), config.inventoryMs);
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

function buildRegistry(config: AgentConfig, deps: AgentDeps, state: StateHolder, isolator: Isolator): HandlerRegistry {
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
  return new HandlerRegistry().register(pingHandler(deps.now)).register(isolateHandler(isolation)).register(releaseHandler(isolation));
}

async function sendInventory(channel: AgentChannel, state: StateHolder): Promise<void> {
  channel.send({ kind: 'inventory', at: new Date().toISOString(), inventory: await collectInventory(state.current) });
}

function buildChannel(config: AgentConfig, deps: AgentDeps, state: StateHolder, registry: HandlerRegistry): AgentChannel {
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
    onOpen: () => void sendInventory(channel, state),
    onMessage: (message) => {
      if (message.kind === 'command') void processor.submit(message.command);
    },
  });
  return channel;
}
