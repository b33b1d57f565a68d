/**
 * What agents' channels say about them, written in batches: connections (a restart brings thousands at
 * once), inventories, heartbeats and disconnections.
 *
 * - A connection is recorded with others a few milliseconds later: one update marks them connected to this
 *   node and reserves each a block of sequence numbers; their waiting commands then leave.
 * - Heartbeats stay in memory: `last_seen_at` is written when it is older than half the online window (with
 *   the heartbeat interval under a third of the window, an agent never looks offline while it talks), or at
 *   once when its isolation changes. The estate host's
 *   `agent` field is refreshed every `hostSyncMs`.
 * - Work runs one step at a time, so a disconnection is never written before the connection it ends.
 */
import type { Inventory, IsolationStatus } from '../../agent/protocol/messages.js';
import type { AgentRecord, AgentRepo, HostAgentSync, SeenUpdate } from '../../store/agent-types.js';
import type { AgentHub, ChannelSocket } from './agent-hub.js';
import { onlineWindowMs, type CommandDispatcher } from './command-dispatcher.js';
import { SEQ_BLOCK } from './seq-lease.js';

export interface PresenceDeps {
  repo: AgentRepo;
  hub: AgentHub;
  dispatcher: CommandDispatcher;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  nodeId: string;
  heartbeatSeconds: number;
  /** How often heartbeats refresh the estate host's `agent.lastSeen`. */
  hostSyncMs: number;
  /** Delay that lets connections and inventories share a write (default 10 ms). */
  batchDelayMs?: number;
}

interface Seen {
  agent: AgentRecord;
  /** Last heard (server time, ms) and when that was last written. */
  atMs: number;
  writtenMs: number;
  hostSyncMs: number;
  isolation: string;
  isolationChanged: boolean;
  /** The first sequence number of this connection's block (set once the connection is recorded). */
  floor: number | undefined;
  /** Whether the connection's first heartbeat was seen (it says which commands the agent accepted). */
  beaten: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Presence {
  private readonly seen = new Map<string, Seen>();
  private connects: { agent: AgentRecord; socket: ChannelSocket }[] = [];
  private inventories: { agent: AgentRecord; inventory: Inventory }[] = [];
  private firstBeats: { agentId: string; lastSeq: number; floor: number }[] = [];
  private disconnects: { agent: AgentRecord; lastSeenAt: string; isolation?: Record<string, unknown> }[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private flushScheduled = false;

  constructor(private readonly deps: PresenceDeps) {}

  /** Starts the periodic write of last-seen times. */
  start(): void {
    this.timer ??= setInterval(() => void this.serial(() => this.writeSeen(false)), 1000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.serial(async () => {
      await this.flushBatches();
      await this.writeSeen(true);
    });
  }

  /** Resolves once the connections and inventories received so far are written. */
  settled(): Promise<void> {
    return this.serial(() => this.flushBatches());
  }

  connected(agent: AgentRecord, socket: ChannelSocket): void {
    const nowMs = this.deps.now().getTime();
    this.seen.set(agent.id, { agent, atMs: nowMs, writtenMs: nowMs, hostSyncMs: nowMs, isolation: JSON.stringify(agent.isolation), isolationChanged: false, floor: undefined, beaten: false });
    this.connects.push({ agent, socket });
    this.scheduleFlush();
  }

  /** A heartbeat: kept in memory; the first of a connection also checks for commands lost on an earlier one. */
  heartbeat(agentId: string, isolation: IsolationStatus, lastSeq: number): void {
    const entry = this.seen.get(agentId);
    if (!entry) return;
    entry.atMs = this.deps.now().getTime();
    if (!entry.beaten && entry.floor !== undefined) {
      entry.beaten = true;
      this.firstBeats.push({ agentId, lastSeq, floor: entry.floor });
      this.scheduleFlush();
    }
    const text = JSON.stringify(isolation);
    if (text !== entry.isolation) {
      entry.isolation = text;
      entry.isolationChanged = true;
    }
  }

  inventory(agent: AgentRecord, inventory: Inventory): void {
    const entry = this.seen.get(agent.id);
    if (entry) {
      entry.atMs = this.deps.now().getTime();
      entry.isolation = JSON.stringify(inventory.isolation);
    }
    this.inventories.push({ agent, inventory });
    this.scheduleFlush();
  }

  /** The channel closed: recorded (if it was the agent's current one) with others, after the connection. */
  disconnected(agent: AgentRecord, socket: ChannelSocket): void {
    if (!this.deps.hub.detach(agent.id, socket)) return;
    const entry = this.seen.get(agent.id);
    this.seen.delete(agent.id);
    const lastSeenAt = iso(entry?.atMs ?? this.deps.now().getTime());
    this.disconnects.push({ agent, lastSeenAt, ...(entry?.isolationChanged ? { isolation: JSON.parse(entry.isolation) as Record<string, unknown> } : {}) });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      void this.serial(() => this.flushBatches());
    }, this.deps.batchDelayMs ?? 10);
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => this.deps.log('recording agent presence failed', error));
    this.queue = next;
    return next;
  }

  private async flushBatches(): Promise<void> {
    await this.flushConnects();
    await this.flushInventories();
    await this.flushDisconnects();
    const beats = this.firstBeats.splice(0);
    if (beats.length > 0) void this.deps.dispatcher.redeliver(beats).catch((error: unknown) => this.deps.log('sending lost commands again failed', error));
  }

  private async flushConnects(): Promise<void> {
    const { repo, hub, dispatcher, now, nodeId } = this.deps;
    const live = this.connects.splice(0).filter((c) => hub.holds(c.agent.id, c.socket));
    if (live.length === 0) return;
    const at = now().toISOString();
    const tops = await repo.recordConnected(live.map((c) => ({ id: c.agent.id, at, node: nodeId })), SEQ_BLOCK);
    for (const [id, top] of tops) {
      dispatcher.leases.grant(id, top, SEQ_BLOCK);
      const entry = this.seen.get(id);
      if (entry) entry.floor = top - SEQ_BLOCK + 1;
    }
    const ids = live.map((c) => c.agent.id);
    dispatcher.publish(await repo.clearWaitingReasons(ids, at));
    void dispatcher.dispatchPending(ids).catch((error: unknown) => this.deps.log('sending waiting commands failed', error));
  }

  /** Channels that closed (unless the agent is back meanwhile): last seen, no node, waiting reasons, shutdowns. */
  private async flushDisconnects(): Promise<void> {
    const gone = this.disconnects.splice(0).filter((d) => !this.deps.hub.has(d.agent.id));
    if (gone.length === 0) return;
    await this.deps.repo.recordSeenMany(gone.map((d) => ({ id: d.agent.id, at: d.lastSeenAt, ...(d.isolation ? { isolation: d.isolation } : {}) })));
    await this.deps.repo.markDisconnectedMany(gone.map((d) => d.agent.id), this.deps.nodeId);
    await this.deps.dispatcher.wentSilent(gone.map((d) => ({ id: d.agent.id, hostname: d.agent.hostname, lastSeenAt: d.lastSeenAt })));
  }

  private async flushInventories(): Promise<void> {
    const batch = this.inventories.splice(0);
    if (batch.length === 0) return;
    const at = this.deps.now().toISOString();
    const updates: SeenUpdate[] = batch.map(({ agent, inventory: inv }) => ({
      id: agent.id, at, node: this.deps.nodeId, version: inv.agentVersion, os: inv.os, inventory: { ...inv }, isolation: { ...inv.isolation },
    }));
    await this.deps.repo.recordSeenMany(updates);
    const bump = batch.some(({ agent, inventory }) => inventory.agentVersion !== agent.version || agent.hostSyncedAt === null);
    await this.deps.repo.syncHostAgents(batch.map(({ agent, inventory }) => hostSync(agent, inventory.agentVersion, at)), bump);
    for (const { agent, inventory } of batch) {
      agent.version = inventory.agentVersion;
      agent.hostSyncedAt = at;
    }
  }

  /** Writes last-seen times that are getting old (or all, when closing) and refreshes estate hosts that are due. */
  private async writeSeen(all: boolean): Promise<void> {
    const nowMs = this.deps.now().getTime();
    const every = onlineWindowMs(this.deps.heartbeatSeconds) / 2;
    const due: SeenUpdate[] = [];
    const hosts: HostAgentSync[] = [];
    for (const entry of this.seen.values()) {
      if (entry.atMs > entry.writtenMs && (all || entry.isolationChanged || nowMs - entry.writtenMs >= every)) {
        due.push({ id: entry.agent.id, at: iso(entry.atMs), node: this.deps.nodeId, ...(entry.isolationChanged ? { isolation: JSON.parse(entry.isolation) as Record<string, unknown> } : {}) });
        entry.writtenMs = entry.atMs;
        entry.isolationChanged = false;
      }
      if (nowMs - entry.hostSyncMs >= this.deps.hostSyncMs) {
        hosts.push(hostSync(entry.agent, entry.agent.version, iso(entry.atMs)));
        entry.hostSyncMs = nowMs;
      }
    }
    if (due.length > 0) await this.deps.repo.recordSeenMany(due);
    if (hosts.length > 0) await this.deps.repo.syncHostAgents(hosts, false);
  }
}

function hostSync(agent: AgentRecord, version: string | null, lastSeen: string): HostAgentSync {
  return { agentId: agent.id, hostname: agent.hostname, info: { id: agent.id, lastSeen, ...(version ? { version } : {}) } };
}
