/**
 * The server's end of one agent channel: authenticate the upgrade with the agent credential, hold the socket,
 * say welcome, send what waits, and handle what the agent sends (heartbeats, inventory, results), one message
 * at a time. The estate host with the agent's hostname gets its `agent` field kept current.
 */
import type WebSocket from 'ws';
import { agentMessageSchema, type AgentMessage } from '../../agent/protocol/messages.js';
import { UserError } from '../../shared/errors.js';
import type { AgentRecord, AgentRepo } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import type { CommandDispatcher } from './command-dispatcher.js';
import { sha256Hex } from './secrets.js';

export interface ChannelDeps {
  repo: AgentRepo;
  hub: AgentHub;
  dispatcher: CommandDispatcher;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  nodeId: string;
  heartbeatSeconds: number;
  /** How often heartbeats refresh the estate host's `agent.lastSeen` (default 5 min). */
  hostSyncMs: number;
}

/** The agent behind `Authorization: Bearer fba_...`, or a 401 with a hint. */
export async function authenticateAgent(repo: AgentRepo, authorization: string | undefined): Promise<AgentRecord> {
  const secret = /^Bearer\s+(fba_\S+)$/i.exec(authorization ?? '')?.[1];
  const agent = secret ? await repo.findByCredentialHash(sha256Hex(secret)) : undefined;
  if (!agent || agent.revokedAt !== null) {
    throw new UserError('unauthenticated', 'agent credential missing, unknown or revoked', [], { hint: 'enrol the agent again: firebreak agent --enrol TOKEN' });
  }
  return agent;
}

class Connection {
  private queue: Promise<void> = Promise.resolve();
  private lastHostSync = 0;

  constructor(
    private readonly socket: WebSocket,
    private agent: AgentRecord,
    private readonly deps: ChannelDeps,
  ) {}

  async open(): Promise<void> {
    const { hub, repo, dispatcher, now } = this.deps;
    hub.attach(this.agent.id, this.socket);
    await repo.recordSeen(this.agent.id, { at: now().toISOString(), connectedNode: this.deps.nodeId });
    await hub.send(this.agent.id, { kind: 'welcome', agentId: this.agent.id, serverTime: now().toISOString(), heartbeatSeconds: this.deps.heartbeatSeconds });
    await dispatcher.markWaiting(this.agent, true);
    await dispatcher.dispatchPending(this.agent.id);
  }

  received(text: string): void {
    let message: AgentMessage;
    try {
      message = agentMessageSchema.parse(JSON.parse(text));
    } catch {
      this.deps.log(`agent ${this.agent.id} sent a message outside the protocol; ignored`);
      return;
    }
    this.queue = this.queue.then(() => this.handle(message)).catch((error: unknown) => this.deps.log(`agent ${this.agent.id}: handling ${message.kind} failed`, error));
  }

  async closed(): Promise<void> {
    if (!this.deps.hub.detach(this.agent.id, this.socket)) return;
    await this.deps.repo.markDisconnected(this.agent.id, this.deps.nodeId);
    const fresh = await this.deps.repo.get(this.agent.id);
    if (fresh) await this.deps.dispatcher.markWaiting(fresh, false);
  }

  private async handle(message: AgentMessage): Promise<void> {
    const at = this.deps.now().toISOString();
    if (message.kind === 'result') return this.deps.dispatcher.onResult(this.agent.id, message);
    if (message.kind === 'heartbeat') {
      await this.deps.repo.recordSeen(this.agent.id, { at, connectedNode: this.deps.nodeId, isolation: message.isolation });
      if (Date.now() - this.lastHostSync >= this.deps.hostSyncMs) await this.syncHost(at, false);
      return;
    }
    const inv = message.inventory;
    const versionChanged = inv.agentVersion !== this.agent.version || this.agent.hostSyncedAt === null;
    await this.deps.repo.recordSeen(this.agent.id, { at, connectedNode: this.deps.nodeId, version: inv.agentVersion, os: inv.os, inventory: inv, isolation: inv.isolation });
    this.agent = { ...this.agent, version: inv.agentVersion, hostSyncedAt: at };
    await this.syncHost(at, versionChanged);
  }

  private async syncHost(at: string, bumpRevision: boolean): Promise<void> {
    this.lastHostSync = Date.now();
    const info = { id: this.agent.id, lastSeen: at, ...(this.agent.version ? { version: this.agent.version } : {}) };
    await this.deps.repo.syncHostAgent(this.agent.id, this.agent.hostname, info, bumpRevision);
  }
}

/** Serves an authenticated agent socket until it closes. */
export function serveChannel(socket: WebSocket, agent: AgentRecord, deps: ChannelDeps): void {
  const connection = new Connection(socket, agent, deps);
  socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    if (!isBinary) connection.received(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8'));
  });
  socket.on('close', () => void connection.closed().catch((error: unknown) => deps.log(`agent ${agent.id}: closing failed`, error)));
  socket.on('error', (error) => deps.log(`agent ${agent.id}: channel error`, error));
  connection.open().catch((error: unknown) => {
    deps.log(`agent ${agent.id}: opening the channel failed`, error);
    socket.close(1011, 'server error');
  });
}
