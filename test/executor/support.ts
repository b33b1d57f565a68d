/**
 * Test parts for the executor: a store with an incident, a fake connector that counts effects per idempotency
 * key (the way a real endpoint dedupes), and a helper that waits for a condition without timing assertions.
 */
import { MemoryBus } from '../../src/bus/index.js';
import { ConnectorRegistry } from '../../src/connectors/index.js';
import { DurableExecutor, registerExecutorEventTypes, type ExecutorOptions } from '../../src/executor/index.js';
import { registerIntakeEventTypes } from '../../src/intake/index.js';
import type { ActionOutcome, ActionSpec, Connector, ConnectorContext, ExecutableAction } from '../../src/respond/types.js';
import { EstateService } from '../../src/server/estate.service.js';
import { IncidentService } from '../../src/server/incident.service.js';
import type { Store } from '../../src/store/types.js';

export type Behaviour = (action: ExecutableAction, ctx: ConnectorContext, call: number) => Promise<ActionOutcome> | ActionOutcome;

/**
 * Counts calls and effects. An effect happens once per key (calling again with the same key finds it made);
 * `effects` per target counts how often the target really changed, which must be once per direction.
 */
export class FakeConnector implements Connector {
  readonly calls: ExecutableAction[] = [];
  readonly keys = new Set<string>();
  readonly effects = new Map<string, number>();
  behaviour: Behaviour = () => ({ state: 'verified', evidence: { ok: true } });
  private readonly made = new Map<string, ActionOutcome>();

  constructor(readonly manifest: Connector['manifest'] = fakeManifest('fake')) {}

  async execute(action: ExecutableAction, ctx: ConnectorContext): Promise<ActionOutcome> {
    this.calls.push(action);
    const known = this.made.get(action.key);
    if (known) return known;
    const outcome = await this.behaviour(action, ctx, this.calls.filter((c) => c.actionId === action.actionId && c.direction === action.direction).length);
    if (outcome.state !== 'failed') {
      this.made.set(action.key, outcome);
      this.keys.add(action.key);
      const effect = `${action.direction}:${action.target.ref}`;
      this.effects.set(effect, (this.effects.get(effect) ?? 0) + 1);
    }
    return outcome;
  }
}

/** The same, with the batch form (results in order). */
export class FakeManyConnector extends FakeConnector {
  batches = 0;
  constructor() {
    super(fakeManifest('many'));
  }
  async executeMany(actions: readonly ExecutableAction[], ctx: ConnectorContext): Promise<ActionOutcome[]> {
    this.batches += 1;
    return Promise.all(actions.map((a) => this.execute(a, ctx)));
  }
}

export function fakeManifest(id: string, timeoutMs?: number): Connector['manifest'] {
  return {
    id, name: `Fake ${id}`, description: 'test connector',
    operations: [
      { name: 'isolate', targetKinds: ['host'], reversal: 'release', proves: 'verified', description: 'isolate' },
      { name: 'release', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'release' },
      { name: 'sweep', targetKinds: ['host'], reversal: null, proves: 'applied', description: 'sweep' },
    ],
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

export function isolate(n: number, connector = 'fake', start = 1): ActionSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `a${String(start + i).padStart(5, '0')}`;
    const host = `host-${start + i}`;
    return { id, connector, operation: 'isolate', target: { kind: 'host', ref: host, entity: 'jp-hq' }, args: { host }, reversal: { operation: 'release', args: { host } }, label: `isolate ${host}` };
  });
}

/** Fast loops and short leases for tests. */
export const FAST: Partial<ExecutorOptions> = {
  pollMs: 20, flushMs: 10, logMs: 30, leaseMs: 400, defaultTimeoutMs: 5000,
  retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxElapsedMs: 60_000 },
};

export interface World {
  store: Store;
  bus: MemoryBus;
  incidents: IncidentService;
  connectors: ConnectorRegistry;
  executor(options?: Partial<ExecutorOptions>): DurableExecutor;
  newIncident(): Promise<string>;
}

export function world(store: Store): World {
  registerIntakeEventTypes();
  registerExecutorEventTypes();
  const bus = new MemoryBus();
  const now = () => new Date();
  const incidents = new IncidentService(store, bus, new EstateService(store), now);
  const connectors = new ConnectorRegistry();
  return {
    store, bus, incidents, connectors,
    executor: (options = {}) => new DurableExecutor({ repo: store.actions, connectors, bus, now, log: () => undefined, record: (id, drafts) => incidents.recordAsSystem('system:executor', id, drafts).then(() => undefined) }, { ...FAST, ...options }),
    newIncident: async () => (await incidents.openAsSystem('system:test', { title: 'Executor test', severity: 'high' })).id,
  };
}

/** Waits until `check` holds (polling), failing with `what` after a generous limit. */
export async function until(what: string, check: () => Promise<boolean> | boolean, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
