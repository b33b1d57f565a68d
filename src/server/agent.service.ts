/**
 * Agents for the API: enrolment tokens, enrolment, the channel, the agent list trimmed to the caller's
 * entities (through the estate host with the agent's hostname), and commands. Background work (the timeout
 * sweep and the bus subscription that lets any node dispatch to the agents it holds) runs between `start()`
 * and `close()`.
 *
 * For people: `requestCommand` records a command and returns it at once (202 semantics); its progress arrives
 * on the bus as the whole command record on `agent.<agentId>.commands` at every state it passes through
 * (requested, sent, applied, verified, failed), with the evidence and the history.
 *
 * For the executor: `connectors()` gives the `agent` and `gateway` connectors, which use this service as their
 * port (`agentsForHosts`, `requestCommands`, `watcher`): thousands of commands per call, batched end to end.
 */
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { COMMAND_ARGS, COMMAND_TYPES, isCommandType } from '../agent/protocol/command.js';
import type { EnrolRequest, EnrolResponse } from '../agent/protocol/messages.js';
import type { Bus, Unsubscribe } from '../bus/index.js';
import {
  AgentHub,
  CommandDispatcher,
  CommandWatcher,
  createAgentConnectors,
  createEnrolmentToken,
  createEnrolmentTokens,
  DISPATCH_SUBJECT,
  loadSigningKey,
  Presence,
  redeemEnrolment,
  redeemEnrolments,
  serveChannel,
  type AgentCommandPort,
  type CommandRequest,
  type DispatchOptions,
  type SigningKey,
} from '../connectors/agent/index.js';
import type { Connector } from '../respond/types.js';
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

type EnrolResults = Awaited<ReturnType<typeof redeemEnrolments>>;

/** `[agentId, commandId]` pairs from an `agents.dispatch` message, or nothing if it is not one. */
function announced(message: unknown): [string, string][] {
  const commands = (message as { commands?: unknown } | null)?.commands;
  if (!Array.isArray(commands)) return [];
  return commands.filter((c): c is [string, string] => Array.isArray(c) && typeof c[0] === 'string' && typeof c[1] === 'string');
}

export class AgentService implements AgentCommandPort {
  readonly hub = new AgentHub();
  readonly dispatcher: CommandDispatcher;
  readonly presence: Presence;
  readonly watcher: CommandWatcher;
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
    const log: Log = (m, e) => this.log(m, e);
    this.dispatcher = new CommandDispatcher({ repo: store.agents, hub: this.hub, bus, key: () => this.signingKey(), now, log, options, nodeId: options.nodeId });
    this.presence = new Presence({ repo: store.agents, hub: this.hub, dispatcher: this.dispatcher, now, log, nodeId: options.nodeId, heartbeatSeconds: options.heartbeatSeconds, hostSyncMs: options.hostSyncMs });
    this.watcher = new CommandWatcher(bus, store.agents);
  }

  /** Starts the timeout sweep and the dispatch subscription (idempotent). */
  start(log?: Log): void {
    if (log) this.log = log;
    if (this.sweeper) return;
    // The signing key exists from the first start on (agents pin it at enrolment).
    this.signingKey().catch((e: unknown) => this.log('loading the agent signing key failed', e));
    this.unsubscribe = this.bus.subscribe(DISPATCH_SUBJECT, (message) => {
      void this.dispatcher.dispatchAnnounced(announced(message)).catch((e: unknown) => this.log('dispatch failed', e));
    });
    this.sweeper = setInterval(() => void this.dispatcher.sweep().catch((e: unknown) => this.log('command timeout sweep failed', e)), this.options.sweepIntervalMs);
    this.sweeper.unref();
    this.presence.start();
  }

  /** Stops background work, writes what is queued (results, last-seen times) and closes the channels. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.unsubscribe?.();
    this.watcher.close();
    await this.dispatcher.drain();
    await this.presence.close();
    this.hub.closeAll();
  }

  /**
   * The `agent` and `gateway` connectors, for the executor's registry. An attempt may last the command's TTL
   * plus its result grace (and a minute), so an offline agent's command fails on its own timeout first.
   */
  connectors(ttlSeconds = this.options.defaultTtlSeconds): Connector[] {
    const timeoutMs = (ttlSeconds + this.options.resultGraceSeconds + 60) * 1000;
    return createAgentConnectors(this, this.estate, { ttlSeconds, timeoutMs });
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

  /** One token per host, in one write (for rolling agents out, or a simulated fleet); secrets shown once. */
  async createTokens(principal: Principal, hosts: readonly string[], expiresInSeconds: number): Promise<(EnrolmentTokenRecord & { token: string })[]> {
    const made = await createEnrolmentTokens(this.store.agents, { hosts, expiresInSeconds, createdBy: principal.username }, this.now());
    return made.map(({ token, record }) => ({ ...record, token }));
  }

  listTokens(): Promise<EnrolmentTokenRecord[]> {
    return this.store.agents.listTokens();
  }

  async enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return redeemEnrolment(this.store.agents, await this.signingKey(), request, this.now(), this.options.heartbeatSeconds);
  }

  /** Many enrolments in one transaction: each token is checked on its own, as by `enrol`. */
  async enrolMany(requests: readonly EnrolRequest[]): Promise<EnrolResults> {
    return redeemEnrolments(this.store.agents, await this.signingKey(), requests, this.now(), this.options.heartbeatSeconds);
  }

  /** Serves an agent socket authenticated by the route. */
  serve(socket: WebSocket, agent: AgentRecord): void {
    serveChannel(socket, agent, { hub: this.hub, dispatcher: this.dispatcher, presence: this.presence, now: this.now, log: this.log, heartbeatSeconds: this.options.heartbeatSeconds });
  }

  online(agent: AgentRecord): boolean {
    return this.dispatcher.online(agent);
  }

  /** The agent of each hostname: the one connected here, else the newest enrolment (preferring a connected one). */
  async agentsForHosts(hostnames: readonly string[]): Promise<Map<string, AgentRecord>> {
    const found = new Map<string, AgentRecord>();
    const missing: string[] = [];
    for (const hostname of new Set(hostnames)) {
      const here = this.hub.agentFor(hostname);
      if (here) found.set(hostname, here);
      else missing.push(hostname);
    }
    if (missing.length === 0) return found;
    const fromDb = new Map<string, AgentRecord>();
    for (const agent of await this.store.agents.findByHostnames(missing)) {
      const chosen = fromDb.get(agent.hostname);
      if (!chosen || (chosen.connectedNode === null && agent.connectedNode !== null)) fromDb.set(agent.hostname, agent);
    }
    for (const [hostname, agent] of fromDb) found.set(hostname, agent);
    return found;
  }

  /** Records and sends many commands (arguments already checked by the caller); ids given are idempotency keys. */
  requestCommands(requests: readonly CommandRequest[]): Promise<AgentCommandRecord[]> {
    return this.dispatcher.requestMany(requests);
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
