/**
 * The durable executor. `submit` writes every action (`requested`) before it returns; a loop on every server
 * node claims due actions under a lease, records the intent (the attempt number, state `sent`) before calling
 * the connector, and records the outcome after (in batches). The idempotency key of an attempt is
 * `plan/action/direction/attempt`: a node that resumes an attempt after a crash calls the connector with the
 * same key, and the connector finds the call already made. See README.md.
 *
 * @example
 * const executor = new DurableExecutor({ repo: store.actions, connectors, bus, record, now: () => new Date() });
 * executor.start();
 * await executor.submit({ incidentId, planId, actions, actor: 'user:cora' });
 * await executor.close();
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Bus, Unsubscribe } from '../bus/index.js';
import type { ActionOutcome, ActionRecord, ExecutionCounts, PlanExecutor, PlanSubmission } from '../respond/types.js';
import type { ActionRepo, ChangedAction, IncidentActionFilter, StoredAction } from '../store/action-types.js';
import { ChangeWriter } from './change-writer.js';
import { Dispatcher, type ConnectorLookup } from './dispatch.js';
import { LogPump, toActionRecord, type Recorder } from './log-pump.js';
import { appliedChange, DEFAULT_RETRY, outcomeChange, type RetryPolicy } from './policy.js';
import { checkSubmission } from './submission.js';

export interface ExecutorOptions {
  /** This node's name in leases (default: host, process and a random suffix). */
  nodeId: string;
  /** How long a claim holds an action; renewed every third of it while the attempt runs. */
  leaseMs: number;
  /** How often to look for due actions when nothing wakes the loop. */
  pollMs: number;
  /** How often buffered outcomes are written. */
  flushMs: number;
  /** How long progress alone (`applied`) may wait to be written with the outcome that follows. */
  progressMs: number;
  /** How often changes go to the incident log and the bus. */
  logMs: number;
  /** Rows per claim. */
  claimBatch: number;
  /** Actions per `executeMany` call. */
  manyBatch: number;
  /** Concurrent `execute` calls per connector without `executeMany`. */
  concurrency: number;
  /** Attempts running on this node at most. */
  maxInFlight: number;
  /** Per-attempt timeout for connectors whose manifest names none. */
  defaultTimeoutMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_EXECUTOR_OPTIONS: Omit<ExecutorOptions, 'nodeId'> = {
  leaseMs: 30_000, pollMs: 250, flushMs: 50, progressMs: 500, logMs: 300, claimBatch: 2000, manyBatch: 1000, concurrency: 32, maxInFlight: 20_000,
  defaultTimeoutMs: 10 * 60_000, retry: DEFAULT_RETRY,
};

export interface ExecutorDeps {
  repo: ActionRepo;
  connectors: ConnectorLookup;
  bus: Bus;
  record: Recorder;
  now: () => Date;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/** Subject that wakes the loop of every node when work is queued. */
export const WAKE_SUBJECT = 'executor.wake';

const defaultNodeId = () => `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

export class DurableExecutor implements PlanExecutor {
  options: ExecutorOptions;
  private readonly writer: ChangeWriter;
  private readonly pump: LogPump;
  private readonly dispatcher: Dispatcher;
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Map<string, StoredAction>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly busy = new Set<string>();
  private loopTimer: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private state: 'new' | 'running' | 'closed' = 'new';
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly deps: ExecutorDeps, options: Partial<ExecutorOptions> = {}) {
    this.options = { ...DEFAULT_EXECUTOR_OPTIONS, nodeId: defaultNodeId(), ...options };
    this.log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
    this.writer = new ChangeWriter(deps.repo, () => this.options.nodeId, (rows) => this.written(rows), this.log, 5000, this.options.progressMs);
    this.pump = new LogPump({ repo: deps.repo, bus: deps.bus, record: deps.record, now: deps.now, newId: randomUUID, log: this.log });
    this.dispatcher = new Dispatcher(deps.connectors, {
      outcome: (action, outcome) => this.onOutcome(action, outcome),
      applied: (action, evidence) => this.writer.push(appliedChange(action, evidence, this.deps.now())),
      live: () => this.state === 'running',
    }, this.options, deps.now, this.shutdown.signal);
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /**
   * Starts the loops (idempotent). Unfinished actions whose lease expired are claimed again: that is the resume.
   * With a `nodeId` that stays the same across restarts and is never used by two live processes at once (the
   * server uses `host:port`), leases still held under that name belong to this node's previous run, killed
   * before it could hand them over: they are taken back at once instead of after the lease expires.
   */
  start(options: { nodeId?: string } = {}): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    if (options.nodeId !== undefined) this.options = { ...this.options, nodeId: options.nodeId };
    const { leaseMs, flushMs, logMs } = this.options;
    this.every(Math.max(10, Math.floor(leaseMs / 3)), 'lease', () => this.renew());
    this.every(flushMs, 'flush', () => this.writer.flush());
    this.every(logMs, 'log', async () => {
      while ((await this.pump.pump()) > 0 && this.state === 'running');
    });
    this.unsubscribe = this.deps.bus.subscribe(WAKE_SUBJECT, () => this.kick());
    const reclaim = options.nodeId === undefined ? Promise.resolve(0) : this.deps.repo.releaseLeases(options.nodeId);
    void reclaim.catch((error: unknown) => this.log('executor: taking back the leases of the previous run failed', error)).finally(() => this.kick());
  }

  async submit(submission: PlanSubmission): Promise<void> {
    const actions = checkSubmission(submission);
    if (actions.length === 0) return;
    await this.deps.repo.insert({
      planId: submission.planId, incidentId: submission.incidentId, direction: 'forward', actor: submission.actor,
      at: this.deps.now().toISOString(), attemptLimit: this.options.retry.maxAttempts, actions,
    });
    await this.wake(submission.planId);
  }

  async rollback(input: { incidentId: string; planId: string; actor: string; actionIds?: readonly string[] }): Promise<void> {
    const queued = await this.deps.repo.queueReversals({
      planId: input.planId, actor: input.actor, at: this.deps.now().toISOString(), attemptsPerRun: this.options.retry.maxAttempts,
      ...(input.actionIds ? { actionIds: input.actionIds } : {}),
    });
    if (queued.length > 0) await this.wake(input.planId);
  }

  async list(planId: string): Promise<ActionRecord[]> {
    return (await this.deps.repo.list(planId)).map(toActionRecord);
  }

  counts(planId: string): Promise<ExecutionCounts> {
    return this.deps.repo.counts(planId);
  }

  async listForIncident(incidentId: string, filter?: IncidentActionFilter): Promise<ActionRecord[]> {
    return (await this.deps.repo.listForIncident(incidentId, filter)).map(toActionRecord);
  }

  /** Stops claiming, writes the outcomes already in, gives up the leases of attempts still running (another node, or the next start, resumes them with the same keys), and logs what is left. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasRunning = this.state === 'running';
    this.stopTimers();
    if (!wasRunning) return;
    await this.writer.flush(true);
    this.shutdown.abort(new Error('the executor is shutting down'));
    await this.deps.repo.releaseLeases(this.options.nodeId).catch((error: unknown) => this.log('executor: releasing leases failed', error));
    await this.pump.pump().catch((error: unknown) => this.log('executor: logging action changes failed', error));
  }

  /** Stops dead without writing anything more, as if the process were killed (tests of the resume). */
  halt(): void {
    this.stopTimers();
    this.writer.drop();
    this.shutdown.abort(new Error('halted'));
  }

  /** Looks for due work now. */
  kick(): void {
    if (this.state !== 'running') return;
    if (this.loopTimer) clearTimeout(this.loopTimer);
    this.loopTimer = setTimeout(() => void this.loop(), 0);
    this.loopTimer.unref();
  }

  private stopTimers(): void {
    this.state = 'closed';
    for (const timer of this.timers) clearInterval(timer);
    if (this.loopTimer) clearTimeout(this.loopTimer);
    this.unsubscribe?.();
  }

  private async wake(planId: string): Promise<void> {
    this.kick();
    await this.deps.bus.publish(WAKE_SUBJECT, { planId }).catch((error: unknown) => this.log('executor: waking other nodes failed', error));
  }

  private every(ms: number, name: string, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.busy.has(name) || this.state !== 'running') return;
      this.busy.add(name);
      task().catch((error: unknown) => this.log(`executor: ${name} failed`, error)).finally(() => this.busy.delete(name));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async loop(): Promise<void> {
    if (this.state !== 'running' || this.busy.has('claim')) return;
    this.busy.add('claim');
    let again = false;
    try {
      again = await this.claimOnce();
    } catch (error) {
      this.log('executor: claiming actions failed', error);
    } finally {
      this.busy.delete('claim');
    }
    if (this.state !== 'running') return;
    this.loopTimer = setTimeout(() => void this.loop(), again ? 0 : this.options.pollMs);
    this.loopTimer.unref();
  }

  /** Claims one batch and starts it; true when there may be more due now. */
  private async claimOnce(): Promise<boolean> {
    const room = this.options.maxInFlight - this.inFlight.size;
    if (room <= 0) return false;
    const limit = Math.min(room, this.options.claimBatch);
    const now = this.deps.now();
    const claimed = await this.deps.repo.claim({ node: this.options.nodeId, now: now.toISOString(), leaseUntil: this.leaseUntil(now), limit });
    if (this.state !== 'running') return false;
    this.pump.add(claimed);
    const actions = claimed.map((c) => c.action);
    for (const action of actions) this.inFlight.set(`${action.planId}/${action.actionId}/${action.direction}`, action);
    if (actions.length > 0) void this.dispatcher.run(actions).catch((error: unknown) => this.log('executor: running actions failed', error));
    return claimed.length === limit;
  }

  private leaseUntil(now: Date): string {
    return new Date(now.getTime() + this.options.leaseMs).toISOString();
  }

  private async renew(): Promise<void> {
    if (this.inFlight.size === 0 && this.writer.size === 0) return;
    await this.deps.repo.renewLeases(this.options.nodeId, this.leaseUntil(this.deps.now()));
  }

  private onOutcome(action: StoredAction, outcome: ActionOutcome): void {
    // The row stays leased to this node until the outcome is written, so no one claims it in between.
    this.inFlight.delete(`${action.planId}/${action.actionId}/${action.direction}`);
    this.writer.push(outcomeChange(action, outcome, this.deps.now(), this.options.retry, this.deps.random ?? Math.random));
  }

  private written(rows: ChangedAction[]): void {
    this.pump.add(rows);
    if (rows.some((row) => row.action.leaseNode === null)) this.kick();
  }
}
