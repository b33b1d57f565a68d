/**
 * Commands from request to final state. A request is recorded first (`requested`, with the reason it waits
 * when the agent is offline) and announced on the bus (`agent.<id>.commands`); the node that holds the agent's
 * channel claims it (`sent`, with the agent's next sequence number), signs it and sends it. Results from the
 * agent move it on; a sweep fails whatever passes its deadline. Every change is published on the bus.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CommandBody } from '../../agent/protocol/command.js';
import type { ResultMessage } from '../../agent/protocol/messages.js';
import { signCommand } from '../../agent/protocol/signing.js';
import type { Bus } from '../../bus/index.js';
import type { AgentCommandRecord, AgentRecord, AgentRepo, CommandReason } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import { transitionForResult } from './command-state.js';
import type { SigningKey } from './signing-key.js';

export interface DispatchOptions {
  heartbeatSeconds: number;
  /** How long the agent may still accept a command (default for requests). */
  defaultTtlSeconds: number;
  /** After expiry, how long the agent has to finish and verify before the command fails. */
  resultGraceSeconds: number;
}

export interface DispatcherDeps {
  repo: AgentRepo;
  hub: AgentHub;
  bus: Bus;
  key: () => Promise<SigningKey>;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  options: DispatchOptions;
}

export interface CommandInput {
  type: string;
  args: Record<string, unknown>;
  ttlSeconds?: number | undefined;
}

export const commandSubject = (agentId: string): string => `agent.${agentId}.commands`;

/** Connected to some node and heard from recently (three heartbeats, at least a minute). */
export function isOnline(agent: AgentRecord, now: Date, heartbeatSeconds: number): boolean {
  if (agent.connectedNode === null || agent.lastSeenAt === null) return false;
  return now.getTime() - Date.parse(agent.lastSeenAt) <= Math.max(3 * heartbeatSeconds, 60) * 1000;
}

export function offlineReason(agent: AgentRecord, expiresAt: string): CommandReason {
  const seen = agent.lastSeenAt ? `last seen ${agent.lastSeenAt}` : 'never connected';
  return { code: 'agent_offline', message: `waiting: agent ${agent.id} (${agent.hostname}) is offline (${seen}); the command fails at ${expiresAt} unless it connects` };
}

export class CommandDispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async request(agent: AgentRecord, input: CommandInput, by: string): Promise<AgentCommandRecord> {
    const now = this.deps.now();
    const at = now.toISOString();
    const ttl = input.ttlSeconds ?? this.deps.options.defaultTtlSeconds;
    const expiresAt = new Date(now.getTime() + ttl * 1000).toISOString();
    const deadlineAt = new Date(now.getTime() + (ttl + this.deps.options.resultGraceSeconds) * 1000).toISOString();
    const reason = isOnline(agent, now, this.deps.options.heartbeatSeconds) ? null : offlineReason(agent, expiresAt);
    const record: AgentCommandRecord = {
      id: randomUUID(), agentId: agent.id, seq: null, type: input.type, args: input.args, state: 'requested', reason, evidence: null,
      requestedBy: by, requestedAt: at, expiresAt, deadlineAt, updatedAt: at, history: [{ state: 'requested', at, by, ...(reason ? { reason } : {}) }],
    };
    await this.deps.repo.createCommand(record);
    await this.publish(record);
    return record;
  }

  /** Sends every waiting command of an agent connected here, oldest first. */
  async dispatchPending(agentId: string): Promise<void> {
    const pending = await this.deps.repo.pendingCommands(agentId, this.deps.now().toISOString());
    for (const command of pending) await this.dispatch(agentId, command.id);
  }

  /** Claims, signs and sends one command if this node holds the agent's channel. */
  dispatch(agentId: string, commandId: string): Promise<void> {
    if (!this.deps.hub.has(agentId)) return Promise.resolve();
    return this.deps.hub.serial(agentId, () => this.sendOne(agentId, commandId));
  }

  private async sendOne(agentId: string, commandId: string): Promise<void> {
    if (!this.deps.hub.has(agentId)) return;
    const claimed = await this.deps.repo.claimForSending(commandId, this.deps.now().toISOString());
    if (!claimed || claimed.seq === null) return;
    const body: CommandBody = {
      v: 1, id: claimed.id, agentId, type: claimed.type, args: claimed.args, issuedAt: claimed.requestedAt, expiresAt: claimed.expiresAt,
      seq: claimed.seq, nonce: randomBytes(16).toString('base64url'),
    };
    const key = await this.deps.key();
    if (await this.deps.hub.send(agentId, { kind: 'command', command: signCommand(body, key.privateKey) })) return this.publish(claimed);
    const reason: CommandReason = { code: 'send_failed', message: 'the channel closed while sending; the command waits for the agent to reconnect' };
    const back = await this.deps.repo.transition(commandId, ['sent'], { to: 'requested', at: this.deps.now().toISOString(), reason });
    if (back) await this.publish(back);
  }

  /** Applies a result the agent reported (only for its own commands). */
  async onResult(agentId: string, result: ResultMessage): Promise<void> {
    const command = result.commandId ? await this.deps.repo.getCommand(result.commandId).catch(() => undefined) : undefined;
    if (!command || command.agentId !== agentId) {
      if (result.state === 'rejected') await this.deps.repo.recordRejection(agentId, { ...result });
      return;
    }
    const planned = transitionForResult(result, this.deps.now().toISOString());
    if (!planned) return this.deps.repo.recordRejection(agentId, { ...result });
    const updated = await this.deps.repo.transition(command.id, planned.from, planned.change);
    if (updated) await this.publish(updated);
  }

  /** Marks (or clears) why an agent's waiting commands wait. */
  async markWaiting(agent: AgentRecord, online: boolean): Promise<void> {
    const now = this.deps.now().toISOString();
    const changed = await this.deps.repo.setWaitingReason(agent.id, online ? null : offlineReason(agent, 'its expiry'), now);
    for (const command of changed) await this.publish(command);
  }

  /** Fails overdue commands; run on every node (the update is atomic, so each fails once). */
  async sweep(): Promise<number> {
    const failed = await this.deps.repo.failOverdue(this.deps.now().toISOString());
    for (const command of failed) await this.publish(command);
    return failed.length;
  }

  private async publish(command: AgentCommandRecord): Promise<void> {
    try {
      await this.deps.bus.publish(commandSubject(command.agentId), command);
    } catch (error) {
      this.deps.log(`publishing command ${command.id} failed`, error);
    }
  }
}
