/**
 * An in-process Firebreak for the scope, sweep and recovery HTTP tests: the harness's store, users and estate,
 * with an executor that runs fake `agent` and `gateway` connectors (hosts answer sweeps as told) and the plan,
 * scope and recovery services around it. Requests go through `app.inject()`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConnectorRegistry } from '../../src/connectors/index.js';
import { DurableExecutor } from '../../src/executor/index.js';
import type { ActionOutcome, Connector, ExecutableAction } from '../../src/respond/types.js';
import { buildApp } from '../../src/server/app.js';
import type { AppContext } from '../../src/server/context.js';
import { loadPolicyFile } from '../../src/server/plan.policy.js';
import { PlanService } from '../../src/server/plan.service.js';
import { RecoveryService } from '../../src/server/recovery.service.js';
import { ScopeService } from '../../src/server/scope.service.js';
import type { Role } from '../../src/store/types.js';
import { FAST } from '../executor/support.js';
import { startHarness, type Harness } from '../server/harness.js';

export const BAD_HASH = 'e'.repeat(64);

/** How a host answers a sweep. */
export type SweepAnswer = 'clean' | 'findings' | 'offline';

/** The Firebreak agent as the executor sees it: isolation, release, sweeps; remembers what is isolated. */
export class FakeFleet implements Connector {
  readonly isolated = new Set<string>();
  readonly sweeps: string[] = [];
  readonly answers = new Map<string, SweepAnswer>();
  readonly manifest: Connector['manifest'] = {
    id: 'agent', name: 'Fake agents', description: 'test fleet',
    operations: [
      { name: 'isolate', targetKinds: ['host'], reversal: 'release', proves: 'verified', description: 'isolate' },
      { name: 'release', targetKinds: ['host'], reversal: 'isolate', proves: 'verified', description: 'release' },
      { name: 'sweep', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'sweep' },
    ],
  };

  execute(action: ExecutableAction): Promise<ActionOutcome> {
    const host = action.target.ref;
    if (action.operation === 'isolate') this.isolated.add(host);
    if (action.operation === 'release') this.isolated.delete(host);
    if (action.operation !== 'sweep') return Promise.resolve({ state: 'verified', evidence: { host, isolated: this.isolated.has(host) } });
    this.sweeps.push(host);
    const answer = this.answers.get(host) ?? 'clean';
    if (answer === 'offline') return Promise.resolve({ state: 'failed', error: { code: 'agent_offline', message: `no agent connected for ${host}` }, retryable: false });
    const findings = answer === 'findings' ? [{ kind: 'file', indicator: BAD_HASH, detail: 'C:\\ProgramData\\qbot.dll' }] : [];
    return Promise.resolve({ state: 'verified', evidence: { clean: findings.length === 0, findings, checked: { files: 1200, processes: 80, connections: 12 }, durationMs: 900 } });
  }
}

/** The gateway: segment cuts and their restores. */
export class FakeGateway implements Connector {
  readonly cut = new Set<string>();
  readonly manifest: Connector['manifest'] = {
    id: 'gateway', name: 'Fake gateway', description: 'test gateway',
    operations: [
      { name: 'cut', targetKinds: ['segment'], reversal: 'restore', proves: 'verified', description: 'cut' },
      { name: 'restore', targetKinds: ['segment'], reversal: 'cut', proves: 'verified', description: 'restore' },
    ],
  };

  execute(action: ExecutableAction): Promise<ActionOutcome> {
    if (action.operation === 'cut') this.cut.add(action.target.ref);
    else this.cut.delete(action.target.ref);
    return Promise.resolve({ state: 'verified', evidence: { segment: action.target.ref } });
  }
}

export interface RecoveryWorld {
  h: Harness;
  app: FastifyInstance;
  ctx: AppContext;
  fleet: FakeFleet;
  gateway: FakeGateway;
  as(role: Role | null, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function recoveryWorld(): Promise<RecoveryWorld> {
  const h = await startHarness();
  const { store, bus, estate, incidents, now, config } = h.ctx;
  const fleet = new FakeFleet();
  const gateway = new FakeGateway();
  const connectors = new ConnectorRegistry().register(fleet).register(gateway);
  const executor = new DurableExecutor({ repo: store.actions, connectors, bus, now, log: () => undefined, record: (id, drafts) => incidents.recordAsSystem('system:executor', id, drafts).then(() => undefined) }, FAST);
  const plans = new PlanService(store, bus, estate, incidents, executor, now, loadPolicyFile(config.policyFile));
  const scope = new ScopeService(store, bus, estate, incidents, executor, () => plans, now);
  const recovery = new RecoveryService(store, bus, estate, incidents, executor, now);
  const ctx: AppContext = { ...h.ctx, connectors, executor, plans, scope, recovery };
  const app = await buildApp(ctx);
  executor.start();
  scope.start();
  recovery.start();
  return {
    h, app, ctx, fleet, gateway,
    as: (role, method, url, body) =>
      app.inject({ method: method as 'GET', url, headers: role ? { authorization: `Bearer ${h.tokens[role]}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) }),
    async close() {
      scope.stop();
      recovery.stop();
      await executor.close();
      await app.close();
      await h.close();
    },
  };
}
