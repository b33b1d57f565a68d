/**
 * Commands from request to final state, one or ten thousand at a time.
 *
 *   requestMany ──> one multi-row insert (ids given by the caller are idempotency keys: an id that exists is
 *        │          returned as it is, never inserted twice)
 *        ├─ agent connected to this node: recorded as already `sent` with a number from the node's sequence
 *        │  block, signed and written to the socket (no further write)
 *        └─ otherwise `requested` (with the reason it waits when the agent is offline) and announced on the bus
 *           (`agents.dispatch`: one message per batch listing [agentId, commandId]); the node holding the agent
 *           claims it (a conditional update, so it is sent once), signs and sends it
 *   results ──> queued and written in batches (result-batcher.ts); a sweep fails whatever passes its deadline
 *
 * Claiming and sending run one batch at a time on each node, so every agent receives its commands in
 * sequence order. Every state a command passes through is published on `agent.<agentId>.commands`.
 */
import { randomUUID } from 'node:crypto';
import type { ResultMessage } from '../../agent/protocol/messages.js';
import type { Bus } from '../../bus/index.js';
import type { AgentCommandRecord, AgentRecord, AgentRepo, CommandReason } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import { asRequested, changeOf, lostDelivery, newCommandRecord, silentShutdown } from './command-records.js';
import { CommandSender } from './command-sender.js';
import { InFlight, ResultBatcher } from './result-batcher.js';
import { SEQ_BLOCK, SeqLeases } from './seq-lease.js';
import type { SigningKey } from './signing-key.js';

export interface DispatchOptions {
  heartbeatSeconds: number;
  /** How long the agent may still accept a command (default for requests). */
  defaultTtlSeconds: number;
  /** After expiry, how long the agent has to finish and verify before the command fails. */
  resultGraceSeconds: number;
  /** How long results wait to share a write (default 2 ms). */
  resultDelayMs?: number;
}

export interface DispatcherDeps {
  repo: AgentRepo;
  hub: AgentHub;
  bus: Bus;
  key: () => Promise<SigningKey>;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  options: DispatchOptions;
  /** This node's id (`agents.connected_node`). */
  nodeId: string;
}

export interface CommandInput {
  type: string;
  args: Record<string, unknown>;
  ttlSeconds?: number | undefined;
}

/** One command to record: for whom, what, by whom, and optionally its id (an idempotency key). */
export interface CommandRequest extends CommandInput {
  agent: AgentRecord;
  by: string;
  id?: string | undefined;
}

export const commandSubject = (agentId: string): string => `agent.${agentId}.commands`;
/** Batches of `[agentId, commandId]` for the node holding each agent to claim and send. */
export const DISPATCH_SUBJECT = 'agents.dispatch';

/** Connected to some node and heard from recently (three heartbeats, at least a minute). */
export function isOnline(agent: AgentRecord, now: Date, heartbeatSeconds: number): boolean {
  if (agent.connectedNode === null || agent.lastSeenAt === null) return false;
  return now.getTime() - Date.parse(agent.lastSeenAt) <= onlineWindowMs(heartbeatSeconds);
}

export function onlineWindowMs(heartbeatSeconds: number): number {
  return Math.max(3 * heartbeatSeconds, 60) * 1000;
}

export function offlineReason(agent: Pick<AgentRecord, 'id' | 'hostname' | 'lastSeenAt'>, expiresAt: string): CommandReason {
  const seen = agent.lastSeenAt ? `last seen ${agent.lastSeenAt}` : 'never connected';
  return { code: 'agent_offline', message: `waiting: agent ${agent.id} (${agent.hostname}) is offline (${seen}); the command fails at ${expiresAt} unless it connects` };
}

function counts(ids: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

export class CommandDispatcher {
  readonly leases = new SeqLeases();
  readonly inFlight = new InFlight();
  private readonly results: ResultBatcher;
  private readonly sender: CommandSender;
  private pipeline: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DispatcherDeps) {
    this.sender = new CommandSender(deps.hub, deps.key);
    const publish = (records: readonly AgentCommandRecord[]) => this.publish(records);
    this.results = new ResultBatcher({ repo: deps.repo, inFlight: this.inFlight, now: deps.now, log: deps.log, publish, delayMs: deps.options.resultDelayMs ?? 2, maxBatch: 2000 });
  }

  /** Whether the agent can receive commands now: held here, or connected to another node and heard from. */
  online(agent: AgentRecord): boolean {
    if (this.deps.hub.has(agent.id)) return true;
    return agent.connectedNode !== this.deps.nodeId && isOnline(agent, this.deps.now(), this.deps.options.heartbeatSeconds);
  }

  async request(agent: AgentRecord, input: CommandInput, by: string): Promise<AgentCommandRecord> {
    const [record] = await this.requestMany([{ ...input, agent, by }]);
    if (!record) throw new Error('requestMany returned nothing for one request');
    return record;
  }

  /**
   * Records the commands (those whose id exists already are returned as stored) and sends or announces them.
   * Results are in the order of the requests.
   */
  requestMany(requests: readonly CommandRequest[]): Promise<AgentCommandRecord[]> {
    if (requests.length === 0) return Promise.resolve([]);
    return this.exclusive(async () => {
      const { hub, repo } = this.deps;
      const now = this.deps.now();
      await this.ensureLeases(counts(requests.filter((r) => hub.has(r.agent.id)).map((r) => r.agent.id)));
      const records = this.newRecords(requests, now);
      const unique = [...new Map(records.map((r) => [r.id, r])).values()];
      const inserted = await repo.createCommands(unique);
      const fresh = records.filter((r) => inserted.has(r.id));
      const stored = await repo.getCommands(records.filter((r) => !inserted.has(r.id)).map((r) => r.id));
      const sentNow = fresh.filter((r) => r.state === 'sent');
      for (const record of sentNow) this.inFlight.put(record);
      this.publish(fresh.flatMap((r) => (r.state === 'sent' ? [asRequested(r), r] : [r])));
      await this.sendAndWatch(sentNow);
      const waiting = [...fresh, ...stored].filter((r) => r.state === 'requested');
      await this.claimAndSend(waiting.filter((r) => hub.has(r.agentId)));
      this.announce(waiting.filter((r) => !hub.has(r.agentId)));
      const byId = new Map([...fresh, ...stored].map((r) => [r.id, r]));
      return records.map((r) => byId.get(r.id) ?? r);
    });
  }

  /** Claims and sends announced commands of agents held here (the others are for other nodes). */
  dispatchAnnounced(entries: readonly (readonly [string, string])[]): Promise<void> {
    const mine = entries.filter(([agentId]) => this.deps.hub.has(agentId));
    if (mine.length === 0) return Promise.resolve();
    return this.exclusive(() => this.claimAndSend(mine.map(([agentId, id]) => ({ agentId, id }))));
  }

  /** Sends one waiting command if this node holds the agent's channel. */
  dispatch(agentId: string, commandId: string): Promise<void> {
    return this.dispatchAnnounced([[agentId, commandId]]);
  }

  /** Sends every waiting command of these agents (connected here), oldest first. */
  dispatchPending(agentIds: readonly string[]): Promise<void> {
    if (agentIds.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      const pending = await this.deps.repo.pendingCommandsOf(agentIds, this.deps.now().toISOString());
      await this.claimAndSend(pending.filter((c) => this.deps.hub.has(c.agentId)));
    });
  }

  /**
   * After a reconnection, sends again the commands sent on an earlier connection (numbers below `floor`, this
   * connection's first) that the agent never accepted (numbers above its `lastSeq`): the server or the channel
   * died before they arrived. Commands it accepted are not sent again (their results come by themselves).
   */
  redeliver(agents: readonly { agentId: string; lastSeq: number; floor: number }[]): Promise<void> {
    if (agents.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      const at = this.deps.now().toISOString();
      const byAgent = new Map(agents.map((a) => [a.agentId, a]));
      const lost = (await this.deps.repo.sentCommandsOf([...byAgent.keys()], at)).filter((c) => {
        const a = byAgent.get(c.agentId);
        return a !== undefined && c.seq !== null && c.seq > a.lastSeq && c.seq < a.floor;
      });
      if (lost.length === 0) return;
      const changes = lost.map((c) => lostDelivery(c, at, byAgent.get(c.agentId)?.lastSeq ?? 0));
      const moved = await this.deps.repo.applyChanges(changes.map(changeOf));
      const again = changes.filter((c) => moved.has(c.after.id)).map((c) => c.after);
      for (const c of again) this.inFlight.forget(c.id);
      this.publish(again);
      await this.claimAndSend(again.filter((c) => this.deps.hub.has(c.agentId)));
    });
  }

  /** Queues a result the agent reported (applied with others a few milliseconds later). */
  onResult(agentId: string, result: ResultMessage): void {
    this.results.add(agentId, result);
  }

  /**
   * These agents' channels closed: a shutdown one reported `applied` is now verified (the host went silent),
   * and their waiting commands say why they wait.
   */
  async wentSilent(agents: readonly Pick<AgentRecord, 'id' | 'hostname' | 'lastSeenAt'>[]): Promise<void> {
    if (agents.length === 0) return;
    for (const agent of agents) this.leases.drop(agent.id);
    await this.results.drain(); // their last results (a shutdown's `applied`) arrived before the close
    const at = this.deps.now().toISOString();
    const seen = new Map(agents.map((a) => [a.id, a.lastSeenAt]));
    const shutdowns = (await this.deps.repo.findCommands([...seen.keys()], 'shutdown', ['applied'])).map((c) => silentShutdown(c, at, seen.get(c.agentId) ?? null));
    const applied = await this.deps.repo.applyChanges(shutdowns.map(changeOf));
    this.publish(shutdowns.filter((c) => applied.has(c.after.id)).map((c) => c.after));
    this.publish(await this.deps.repo.setWaitingReasons(agents.map((a) => ({ agentId: a.id, reason: offlineReason(a, 'its expiry') })), at));
  }

  /** Fails overdue commands; run on every node (the update is atomic, so each fails once). */
  async sweep(): Promise<number> {
    const failed = await this.deps.repo.failOverdue(this.deps.now().toISOString());
    for (const command of failed) this.inFlight.forget(command.id);
    this.publish(failed);
    return failed.length;
  }

  /** Resolves once queued results are written and the sends under way have left. */
  async drain(): Promise<void> {
    await this.results.drain();
    await this.exclusive(() => Promise.resolve());
  }

  /** Publishes each record on its agent's subject (every state a command passes through, in order). */
  publish(records: readonly AgentCommandRecord[]): void {
    for (const record of records) {
      this.deps.bus.publish(commandSubject(record.agentId), record).catch((error: unknown) => this.deps.log(`publishing command ${record.id} failed`, error));
    }
  }

  private newRecords(requests: readonly CommandRequest[], now: Date): AgentCommandRecord[] {
    const { options } = this.deps;
    const seen = new Set<string>();
    return requests.map((r) => {
      const id = r.id ?? randomUUID();
      const local = this.deps.hub.has(r.agent.id) && !seen.has(id);
      seen.add(id);
      const ttlSeconds = r.ttlSeconds ?? options.defaultTtlSeconds;
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
      const reason = this.online(r.agent) ? null : offlineReason(r.agent, expiresAt);
      const sentSeq = local ? this.leases.take(r.agent.id) : undefined;
      return newCommandRecord({ id, agentId: r.agent.id, type: r.type, args: r.args, by: r.by, now, ttlSeconds, graceSeconds: options.resultGraceSeconds, reason, sentSeq });
    });
  }

  /** Reserves sequence numbers for agents whose block would run out (one update for all of them). */
  private async ensureLeases(needed: Map<string, number>): Promise<void> {
    const short = [...needed].filter(([id, n]) => this.leases.remaining(id) < n).map(([id, n]) => ({ id, n: Math.max(n, SEQ_BLOCK) }));
    if (short.length === 0) return;
    const tops = await this.deps.repo.reserveSeqs(short);
    for (const { id, n } of short) {
      const top = tops.get(id);
      if (top !== undefined) this.leases.grant(id, top, n);
    }
  }

  private async claimAndSend(waiting: readonly { agentId: string; id: string }[]): Promise<void> {
    if (waiting.length === 0) return;
    await this.ensureLeases(counts(waiting.map((w) => w.agentId)));
    const claims = waiting.flatMap((w) => {
      const seq = this.leases.take(w.agentId);
      return seq === undefined ? [] : [{ id: w.id, seq }];
    });
    const claimed = await this.deps.repo.claimMany(claims, this.deps.now().toISOString());
    for (const record of claimed) this.inFlight.put(record);
    this.publish(claimed);
    await this.sendAndWatch(claimed);
  }

  private async sendAndWatch(records: readonly AgentCommandRecord[]): Promise<void> {
    const { failed } = await this.sender.send(records);
    void failed.then((unsent) => this.putBack(unsent)).catch((error: unknown) => this.deps.log('putting unsent commands back failed', error));
  }

  /** Commands whose socket closed while sending wait again (and leave at once if the agent is back). */
  private async putBack(unsent: readonly AgentCommandRecord[]): Promise<void> {
    const reason: CommandReason = { code: 'send_failed', message: 'the channel closed while sending; the command waits for the agent to reconnect' };
    const back: AgentCommandRecord[] = [];
    for (const record of unsent) {
      this.inFlight.forget(record.id);
      const moved = await this.deps.repo.transition(record.id, ['sent'], { to: 'requested', at: this.deps.now().toISOString(), reason });
      if (moved) back.push(moved);
    }
    this.publish(back);
    const again = back.filter((r) => this.deps.hub.has(r.agentId));
    if (again.length > 0) await this.exclusive(() => this.claimAndSend(again));
  }

  private announce(records: readonly AgentCommandRecord[]): void {
    if (records.length === 0) return;
    const commands = records.map((r) => [r.agentId, r.id]);
    this.deps.bus.publish(DISPATCH_SUBJECT, { commands }).catch((error: unknown) => this.deps.log('announcing commands failed', error));
  }

  /** Runs claim-and-send work one batch at a time on this node (sequence numbers leave in order). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.pipeline.then(task, task);
    this.pipeline = next.catch(() => undefined);
    return next;
  }
}
