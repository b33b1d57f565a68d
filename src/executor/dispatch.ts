/**
 * Runs claimed actions through their connectors: `executeMany` in batches for connectors that have it,
 * otherwise `execute` with bounded concurrency. Each attempt has a timeout (the connector's, or the
 * executor's default): when it passes, the attempt's signal is aborted and a retryable `timeout` failure is
 * recorded, never silence. Outcomes and intermediate progress go to the sink; whatever arrives after the
 * attempt was settled (or after shutdown) is ignored.
 */
import type { ActionOutcome, Connector, ConnectorContext, ExecutableAction } from '../respond/types.js';
import { actionKey } from '../store/action-rows.js';
import type { StoredAction } from '../store/action-types.js';
import { OperationalError } from '../shared/errors.js';
import { failure } from './policy.js';
import { Limiter } from './limiter.js';

export interface DispatchSink {
  outcome(action: StoredAction, outcome: ActionOutcome): void;
  applied(action: StoredAction, evidence: Record<string, unknown> | undefined): void;
  /** Whether results should still be taken (false after shutdown). */
  live(): boolean;
}

export interface DispatchOptions {
  defaultTimeoutMs: number;
  manyBatch: number;
  concurrency: number;
}

export interface ConnectorLookup {
  get(id: string): Connector | undefined;
  ids(): string[];
}

interface Attempt {
  action: StoredAction;
  exec: ExecutableAction;
  settled: boolean;
  applied: boolean;
}

export function toExecutable(action: StoredAction): ExecutableAction {
  return {
    incidentId: action.incidentId, planId: action.planId, direction: action.direction, operation: action.operation, args: action.args,
    connector: action.connector, target: action.target, actionId: action.actionId, attempt: action.attempts,
    key: actionKey(action.planId, action.actionId, action.direction, action.attempts),
  };
}

function thrown(error: unknown, connector: string): ActionOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OperationalError) return failure(error.code, message, error.retryable);
  return failure('connector_error', `connector ${connector} failed unexpectedly: ${message}`, false);
}

export class Dispatcher {
  private readonly limiters = new Map<string, Limiter>();

  constructor(
    private readonly connectors: ConnectorLookup,
    private readonly sink: DispatchSink,
    private readonly options: DispatchOptions,
    private readonly now: () => Date,
    /** Aborted at shutdown: every attempt's signal follows it. */
    private readonly shutdown: AbortSignal,
  ) {}

  /** Starts every action; returns when all have an outcome (or were abandoned at shutdown). */
  async run(actions: readonly StoredAction[]): Promise<void> {
    const groups = new Map<string, StoredAction[]>();
    for (const action of actions) {
      const group = groups.get(action.connector);
      if (group) group.push(action);
      else groups.set(action.connector, [action]);
    }
    const runs: Promise<void>[] = [];
    for (const [id, group] of groups) {
      const connector = this.connectors.get(id);
      const runnable = connector ? group.filter((a) => this.knownOperation(connector, a)) : this.refuseAll(id, group);
      if (!connector || runnable.length === 0) continue;
      if (connector.executeMany) {
        for (let i = 0; i < runnable.length; i += this.options.manyBatch) runs.push(this.runMany(connector, runnable.slice(i, i + this.options.manyBatch)));
      } else {
        const limiter = this.limiterFor(id);
        for (const action of runnable) runs.push(limiter.run(() => this.runOne(connector, action)));
      }
    }
    await Promise.all(runs);
  }

  private refuseAll(id: string, group: readonly StoredAction[]): StoredAction[] {
    const known = this.connectors.ids();
    const message = `no connector "${id}" is registered (registered: ${known.length > 0 ? known.join(', ') : 'none'}). HINT: configure it (see GET /api/connectors) or plan the action with a registered connector`;
    for (const action of group) this.sink.outcome(action, failure('unknown_connector', message, false));
    return [];
  }

  private knownOperation(connector: Connector, action: StoredAction): boolean {
    if (connector.manifest.operations.some((o) => o.name === action.operation)) return true;
    const names = connector.manifest.operations.map((o) => o.name).join(', ');
    this.sink.outcome(action, failure('unknown_operation', `connector ${connector.manifest.id} has no operation "${action.operation}" (it has: ${names})`, false));
    return false;
  }

  private limiterFor(id: string): Limiter {
    let limiter = this.limiters.get(id);
    if (!limiter) this.limiters.set(id, (limiter = new Limiter(this.options.concurrency)));
    return limiter;
  }

  private timeoutOf(connector: Connector): number {
    return connector.manifest.timeoutMs ?? this.options.defaultTimeoutMs;
  }

  private settle(attempt: Attempt, outcome: ActionOutcome): void {
    if (attempt.settled || !this.sink.live()) return;
    attempt.settled = true;
    this.sink.outcome(attempt.action, outcome);
  }

  private context(attempts: Map<string, Attempt>, signal: AbortSignal): ConnectorContext {
    const only = attempts.size === 1 ? [...attempts.values()][0] : undefined;
    return {
      now: this.now,
      signal,
      progress: (state, evidence, key) => {
        const attempt = key === undefined ? only : attempts.get(key);
        if (!attempt || attempt.settled || state !== 'applied' || attempt.applied || !this.sink.live()) return;
        attempt.applied = true;
        this.sink.applied(attempt.action, evidence);
      },
    };
  }

  private async runOne(connector: Connector, action: StoredAction): Promise<void> {
    await this.runMany(connector, [action], async (execs, ctx) => [await connector.execute(execs[0] as ExecutableAction, ctx)]);
  }

  private async runMany(connector: Connector, actions: readonly StoredAction[], call?: (execs: ExecutableAction[], ctx: ConnectorContext) => Promise<ActionOutcome[]>): Promise<void> {
    if (!this.sink.live()) return;
    const attempts = new Map<string, Attempt>(actions.map((action) => {
      const exec = toExecutable(action);
      return [exec.key, { action, exec, settled: false, applied: false }];
    }));
    const list = [...attempts.values()];
    const controller = new AbortController();
    const stop = () => controller.abort(this.shutdown.reason);
    this.shutdown.addEventListener('abort', stop, { once: true });
    const ms = this.timeoutOf(connector);
    const timer = setTimeout(() => {
      for (const attempt of list) this.settle(attempt, failure('timeout', `no result from connector ${connector.manifest.id} within ${Math.round(ms / 1000)} s (attempt ${attempt.exec.attempt}, last state ${attempt.applied ? 'applied' : 'sent'})`, true));
      controller.abort(new Error('timeout'));
    }, ms);
    try {
      const ctx = this.context(attempts, controller.signal);
      const execs = list.map((a) => a.exec);
      const outcomes = call ? await call(execs, ctx) : await (connector.executeMany as NonNullable<Connector['executeMany']>)(execs, ctx);
      if (outcomes.length !== list.length) throw new Error(`returned ${outcomes.length} outcomes for ${list.length} actions`);
      list.forEach((attempt, i) => this.settle(attempt, outcomes[i] as ActionOutcome));
    } catch (error) {
      for (const attempt of list) this.settle(attempt, thrown(error, connector.manifest.id));
    } finally {
      clearTimeout(timer);
      this.shutdown.removeEventListener('abort', stop);
    }
  }
}
