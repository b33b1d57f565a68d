/**
 * Agents for the API: enrolment tokens, enrolment, the channel, the agent list trimmed to the caller's
 * entities (through the estate host with the agent's hostname), and commands. Background work (the timeout
 * sweep and the bus subscription that lets any node dispatch to the agents it holds) runs between `start()`
 * and `close()`.
 *
 * For planners and the executor: `requestCommand` records a command and returns it at once (202 semantics);
 * its progress arrives on the bus as the whole command record on `agent.<agentId>.commands` at every change
 * (requested, sent, applied, verified, failed), with the evidence and the history.
 */
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { COMMAND_ARGS, COMMAND_TYPES, isCommandType } from '../agent/protocol/command.js';
import type { EnrolRequest, EnrolResponse } from '../agent/protocol/messages.js';
import type { Bus, Unsubscribe } from '../bus/index.js';
import { AgentHub, CommandDispatcher, createEnrolmentToken, isOnline, loadSigningKey, redeemEnrolment, serveChannel, type DispatchOptions, type SigningKey } from '../connectors/agent/index.js';
import { UserError } from '../shared/errors.js';
import type { AgentCommandRecord, AgentRecord, EnrolmentTokenRecord } from '../store/agent-types.js';
import type { Page, Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';

export interface AgentServiceOptions extends DispatchOptions {
  /** This node's id in `agents.connected_node`. */
  nodeId: string;
  sweepIntervalMs: number;
  hostSyncMs: number;
}

export const DEFAULT_AGENT_OPTIONS: AgentServiceOptions = {
  nodeId: `node-${randomBytes(6).toString('hex')}`,
  heartbeatSeconds: 15,
  defaultTtlSeconds: 300,
  resultGraceSeconds: 120,
  sweepIntervalMs: 1000,
  hostSyncMs: 5 * 60_000,
};

type Log = (message: string, error?: unknown) => void;

export class AgentService {
  readonly hub = new AgentHub();
  readonly dispatcher: CommandDispatcher;
  private key: Promise<SigningKey> | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private log: Log = (message, error) => console.error(message, error ?? '');

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly now: () => Date,
    readonly options: AgentServiceOptions = DEFAULT_AGENT_OPTIONS,
  ) {
    this.dispatcher = new CommandDispatcher({ repo: store.agents, hub: this.hub, bus, key: () => this.signingKey(), now, log: (m, e) => this.log(m, e), options });
  }

  /** Starts the timeout sweep and the dispatch subscription (idempotent). */
  start(log?: Log): void {
    if (log) this.log = log;
    if (this.sweeper) return;
    // The signing key exists from the first start on (agents pin it at enrolment).
    this.signingKey().catch((e: unknown) => this.log('loading the agent signing key failed', e));
    this.unsubscribe = this.bus.subscribe('agent.*.commands', (message) => {
      const command = message as AgentCommandRecord;
      if (command.state === 'requested' && this.hub.has(command.agentId)) void this.dispatcher.dispatch(command.agentId, command.id).catch((e: unknown) => this.log('dispatch failed', e));
    });
    this.sweeper = setInterval(() => void this.dispatcher.sweep().catch((e: unknown) => this.log('command timeout sweep failed', e)), this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.unsubscribe?.();
    this.hub.closeAll();
  }

  signingKey(): Promise<SigningKey> {
    this.key ??= loadSigningKey(this.store.agents).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  async createToken(principal: Principal, host: string | undefined, expiresInSeconds: number): Promise<EnrolmentTokenRecord & { token: string }> {
    const { token, record } = await createEnrolmentToken(this.store.agents, { host, expiresInSeconds, createdBy: principal.username }, this.now());
    return { ...record, token };
  }

  listTokens(): Promise<EnrolmentTokenRecord[]> {
    return this.store.agents.listTokens();
  }

  async enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return redeemEnrolment(this.store.agents, await this.signingKey(), request, this.now(), this.options.heartbeatSeconds);
  }

  /** Serves an agent socket authenticated by the route. */
  serve(socket: WebSocket, agent: AgentRecord): void {
    serveChannel(socket, agent, { repo: this.store.agents, hub: this.hub, dispatcher: this.dispatcher, now: this.now, log: this.log, nodeId: this.options.nodeId, heartbeatSeconds: this.options.heartbeatSeconds, hostSyncMs: this.options.hostSyncMs });
  }

  online(agent: AgentRecord): boolean {
    return isOnline(agent, this.now(), this.options.heartbeatSeconds);
  }

  /** Agents the principal may see, each with the entity of its estate host. */
  async list(principal: Principal): Promise<{ agent: AgentRecord; entity: string | null }[]> {
    const { doc } = await this.estate.current();
    const entityOf = new Map(doc.hosts.map((h) => [h.hostname, h.entity]));
    return (await this.store.agents.list())
      .map((agent) => ({ agent, entity: entityOf.get(agent.hostname) ?? null }))
      .filter(({ entity }) => principal.entities === '*' || (entity !== null && inScope(principal, entity)));
  }

  /** The agent, if the principal may see it; 404 otherwise (as for hosts out of scope). */
  async require(principal: Principal, id: string): Promise<{ agent: AgentRecord; entity: string | null }> {
    const agent = await this.store.agents.get(id);
    const entity = agent ? ((await this.estate.entityOf('host', agent.hostname)) ?? null) : null;
    if (!agent || (principal.entities !== '*' && (entity === null || !inScope(principal, entity)))) {
      throw new UserError('not_found', `no agent ${id}`, [], { hint: 'list agents with GET /api/agents' });
    }
    return { agent, entity };
  }

  async commands(principal: Principal, id: string, page: { limit: number; offset: number }): Promise<Page<AgentCommandRecord>> {
    await this.require(principal, id);
    return this.store.agents.listCommands(id, page);
  }

  /** Records a command for the agent; it is sent at once if the agent is connected, otherwise when it connects. */
  async requestCommand(principal: Principal, id: string, input: { type: string; args: Record<string, unknown>; ttlSeconds?: number | undefined }): Promise<AgentCommandRecord> {
    const { agent } = await this.require(principal, id);
    if (agent.revokedAt !== null) throw new UserError('conflict', `agent ${id} was revoked`);
    return this.dispatcher.request(agent, { ...input, args: checkArgs(input.type, input.args) }, principal.username);
  }
}

/** The command's arguments, checked against its type's schema (422 naming the field). */
function checkArgs(type: string, args: Record<string, unknown>): Record<string, unknown> {
  if (!isCommandType(type)) {
    throw new UserError('validation_failed', `unknown command type ${type}`, [{ field: 'body.type', message: `not one of ${COMMAND_TYPES.join(', ')}` }]);
  }
  const parsed = COMMAND_ARGS[type].safeParse(args);
  if (parsed.success) return parsed.data;
  throw new UserError(
    'validation_failed',
    `invalid arguments for ${type}`,
    parsed.error.issues.map((issue) => ({ field: ['body', 'args', ...issue.path.map(String)].join('.'), message: issue.message })),
  );
}
