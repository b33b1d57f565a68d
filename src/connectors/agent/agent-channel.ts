/**
 * The server's end of one agent channel: authenticate the upgrade with the agent credential, hold the socket,
 * say welcome, and hand what the agent sends to the batch writers: results to the dispatcher, heartbeats and
 * inventory to the presence (which keeps the estate host's `agent` field current and sends what waits).
 */
import type WebSocket from 'ws';
import { agentMessageSchema, type AgentMessage } from '../../agent/protocol/messages.js';
import { UserError } from '../../shared/errors.js';
import type { AgentRecord, AgentRepo } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import type { CommandDispatcher } from './command-dispatcher.js';
import type { Presence } from './presence.js';
import { sha256Hex } from './secrets.js';

export interface ChannelDeps {
  hub: AgentHub;
  dispatcher: CommandDispatcher;
  presence: Presence;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  heartbeatSeconds: number;
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
  constructor(
    private readonly socket: WebSocket,
    private readonly agent: AgentRecord,
    private readonly deps: ChannelDeps,
  ) {}

  async open(): Promise<void> {
    const { hub, presence, now } = this.deps;
    hub.attach(this.agent.id, this.socket, this.agent);
    presence.connected(this.agent, this.socket);
    await hub.send(this.agent.id, { kind: 'welcome', agentId: this.agent.id, serverTime: now().toISOString(), heartbeatSeconds: this.deps.heartbeatSeconds });
  }

  received(text: string): void {
    let message: AgentMessage;
    try {
      message = agentMessageSchema.parse(JSON.parse(text));
    } catch {
      this.deps.log(`agent ${this.agent.id} sent a message outside the protocol; ignored`);
      return;
    }
    if (message.kind === 'result') this.deps.dispatcher.onResult(this.agent.id, message);
    else if (message.kind === 'heartbeat') this.deps.presence.heartbeat(this.agent.id, message.isolation, message.lastSeq);
    else this.deps.presence.inventory(this.agent, message.inventory);
  }

  closed(): void {
    this.deps.presence.disconnected(this.agent, this.socket);
  }
}

/** Serves an authenticated agent socket until it closes. */
export function serveChannel(socket: WebSocket, agent: AgentRecord, deps: ChannelDeps): void {
  const connection = new Connection(socket, agent, deps);
  socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
    if (!isBinary) connection.received(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8'));
  });
  socket.on('close', () => connection.closed());
  socket.on('error', (error) => deps.log(`agent ${agent.id}: channel error`, error));
  connection.open().catch((error: unknown) => {
    deps.log(`agent ${agent.id}: opening the channel failed`, error);
    socket.close(1011, 'server error');
  });
}
