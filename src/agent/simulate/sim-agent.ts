/**
 * One simulated agent: a real WebSocket to `/api/agents/connect` authenticated with its credential, the
 * welcome-time inventory, heartbeats with WebSocket pings, reconnection with the agent's backoff, an outbox
 * for results while disconnected, and the real `CommandProcessor` (the same verify-command gate as the agent:
 * pinned Ed25519 key, addressee, expiry, replay by id and sequence) in front of simulated handlers.
 *
 * After a reconnection it also sends its last results again (at least once: the server ignores a repeat), so
 * a result written into a connection that died (a server killed mid-fan-out) is not lost.
 */
import type { KeyObject } from 'node:crypto';
import type { AgentMessage, Inventory, IsolationStatus, ResultMessage } from '../protocol/messages.js';
import { serverMessageSchema } from '../protocol/messages.js';
import type { HandlerRegistry } from '../handlers/registry.js';
import { backoffDelay, type BackoffOptions } from '../runtime/backoff.js';
import { connectUrl } from '../runtime/channel.js';
import { CommandProcessor } from '../runtime/command-processor.js';
import { StateFile, StateHolder, type AgentState } from '../runtime/state-file.js';
import WebSocket from 'ws';
import { AGENT_VERSION } from '../version.js';
import type { SimHost } from './sim-handlers.js';

/** What enrolment gave the agent; enough to connect again (another fleet, another process). */
export interface AgentIdentity {
  agentId: string;
  credential: string;
  hostname: string;
  serverPublicKey: string;
  serverKeyFingerprint: string;
}

/** A state file that stays in memory (a simulated agent has no disk; its replay guard lives as long as it). */
class MemoryStateFile extends StateFile {
  constructor() {
    super('(memory)');
  }

  override save(): Promise<void> {
    return Promise.resolve();
  }
}

export interface SimAgentDeps {
  serverUrl: string;
  /** The pinned server key (one key object shared by the fleet). */
  publicKey: KeyObject;
  registry: HandlerRegistry;
  backoff: () => BackoffOptions;
  heartbeatMs: () => number;
  random: () => number;
  now: () => Date;
  log: (line: string) => void;
}

const OUTBOX_LIMIT = 1000;
const RECENT_RESULTS = 64;

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(new Uint8Array(data)).toString('utf8') : data.toString('utf8');
}

export class SimulatedAgent {
  readonly state: StateHolder;
  private socket: WebSocket | undefined;
  private wanted = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastPong = 0;
  private readonly outbox: AgentMessage[] = [];
  private readonly recent: ResultMessage[] = [];
  private connections = 0;
  private readonly processor: CommandProcessor;
  private readonly welcomeWaiters: (() => void)[] = [];
  /** Commands refused by the verify-command gate, by code. */
  readonly rejections: Record<string, number> = {};
  welcomed = false;

  constructor(
    readonly identity: AgentIdentity,
    readonly host: SimHost,
    private readonly deps: SimAgentDeps,
  ) {
    const state: AgentState = {
      version: 1, agentId: identity.agentId, credential: identity.credential, hostname: identity.hostname, serverUrl: deps.serverUrl,
      serverPublicKey: identity.serverPublicKey, serverKeyFingerprint: identity.serverKeyFingerprint, enrolledAt: deps.now().toISOString(),
      replay: { lastSeq: 0, seenIds: [] }, isolation: null,
    };
    this.state = new StateHolder(state, new MemoryStateFile());
    this.processor = new CommandProcessor({
      state: this.state, publicKey: deps.publicKey, registry: deps.registry, now: deps.now, log: () => undefined,
      send: (message) => this.sendResult(message),
    });
  }

  get agentId(): string {
    return this.identity.agentId;
  }

  get hostname(): string {
    return this.identity.hostname;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN && this.welcomed;
  }

  /** Connects (and keeps reconnecting) until `goOffline` or `stop`. */
  goOnline(): void {
    if (this.host.poweredOff) this.host.poweredOff = false;
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    this.connect();
  }

  /** Drops the connection as a network failure would (no close handshake); back after `ms` when given. */
  goOffline(ms?: number): void {
    this.wanted = false;
    clearTimeout(this.timer);
    this.socket?.terminate();
    if (ms !== undefined) this.timer = setTimeout(() => this.goOnline(), ms);
  }

  /** The host powers off: the channel closes and stays closed until `goOnline` (powering on). */
  powerOff(): void {
    this.host.poweredOff = true;
    this.wanted = false;
    clearTimeout(this.timer);
    this.socket?.close(1001, 'host powering off');
  }

  /** Resolves once the server said welcome on the current connection. */
  untilWelcomed(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.welcomeWaiters.push(resolve));
  }

  /** One heartbeat (and a WebSocket ping); drops a connection whose pings went unanswered for 3 heartbeats. */
  heartbeat(): void {
    const socket = this.socket;
    if (!socket || !this.connected) return;
    if (Date.now() - this.lastPong > 3 * this.deps.heartbeatMs()) {
      this.deps.log(`${this.hostname}: no answer from the server for 3 heartbeats: reconnecting`);
      socket.terminate();
      return;
    }
    socket.ping();
    this.send({ kind: 'heartbeat', at: this.deps.now().toISOString(), isolation: this.isolationStatus(), lastSeq: this.state.current.replay.lastSeq });
  }

  sendInventory(): void {
    const inventory: Inventory = { hostname: this.hostname, ips: this.host.ips, os: 'Simulated Linux (firebreak fleet)', agentVersion: AGENT_VERSION, isolation: this.isolationStatus(), role: this.host.role };
    if (this.host.role === 'gateway') {
      inventory.gateway = { forwarding: { ipv4: true, ipv6: false }, routes: [], cuts: [...this.host.cuts].map(([cutId, c]) => ({ cutId, segment: c.segment, rulesetHash: c.rulesetHash, since: c.since })) };
    }
    this.send({ kind: 'inventory', at: this.deps.now().toISOString(), inventory });
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.timer);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
      setTimeout(() => socket.terminate(), 2000).unref();
    });
  }

  private isolationStatus(): IsolationStatus {
    const iso = this.host.isolation;
    return iso ? { state: 'isolated', rulesetHash: iso.rulesetHash, since: iso.since, commandId: iso.commandId } : { state: 'released' };
  }

  private sendResult(message: ResultMessage): void {
    if (message.state === 'rejected') {
      const code = message.reason?.code ?? 'rejected';
      this.rejections[code] = (this.rejections[code] ?? 0) + 1;
    }
    if (message.commandId && this.host.dropped.has(message.commandId)) return;
    if (message.state !== 'rejected') {
      this.recent.push(message);
      if (this.recent.length > RECENT_RESULTS) this.recent.shift();
    }
    this.send(message);
  }

  private send(message: AgentMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    else if (message.kind === 'result' && this.outbox.length < OUTBOX_LIMIT) this.outbox.push(message);
  }

  private connect(): void {
    const socket = new WebSocket(connectUrl(this.deps.serverUrl), { headers: { authorization: `Bearer ${this.identity.credential}` }, handshakeTimeout: 30_000, maxPayload: 1024 * 1024, perMessageDeflate: false });
    this.socket = socket;
    this.welcomed = false;
    socket.on('open', () => this.opened(socket));
    socket.on('pong', () => (this.lastPong = Date.now()));
    socket.on('message', (data: WebSocket.RawData) => this.received(data));
    socket.on('error', () => undefined);
    socket.on('close', () => this.closed(socket));
  }

  private opened(socket: WebSocket): void {
    this.lastPong = Date.now();
    const queued = this.outbox.splice(0);
    const again = this.connections++ > 0 ? this.recent.filter((r) => !queued.includes(r)) : [];
    for (const message of [...again, ...queued]) socket.send(JSON.stringify(message));
    this.sendInventory();
  }

  private received(data: WebSocket.RawData): void {
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      return this.deps.log(`${this.hostname}: ignored a message that is not JSON`);
    }
    const parsed = serverMessageSchema.safeParse(json);
    if (!parsed.success) return this.deps.log(`${this.hostname}: ignored a message outside the protocol`);
    if (parsed.data.kind === 'welcome') {
      this.welcomed = true;
      this.attempt = 0;
      for (const resolve of this.welcomeWaiters.splice(0)) resolve();
      return;
    }
    void this.processor.submit(parsed.data.command);
  }

  private closed(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.welcomed = false;
    if (!this.wanted) return;
    const delay = backoffDelay(this.attempt++, this.deps.backoff(), this.deps.random);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
