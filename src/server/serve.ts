/** `firebreak serve`: open storage, bootstrap, listen, and say how to log in. */
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MemoryBus, NatsBus, type Bus } from '../bus/index.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { AgentService } from './agent.service.js';
import { buildApp, type AppOptions } from './app.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';
import type { ServerConfig } from './config.js';
import type { AppContext } from './context.js';
import { registerIntakeEventTypes } from '../intake/index.js';
import { builtInConnectors } from '../connectors/index.js';
import { DEFAULT_RETRY, DurableExecutor, registerExecutorEventTypes } from '../executor/index.js';
import { DetectionService } from './detection.service.js';
import { EstateService } from './estate.service.js';
import { ExerciseService } from './exercise.service.js';
import { ObligationService } from './obligation.service.js';
import { IncidentService } from './incident.service.js';
import { loadPolicyFile } from './plan.policy.js';
import { PlanService } from './plan.service.js';
import { RecoveryService } from './recovery.service.js';
import { ScopeService } from './scope.service.js';
import { webUi } from './web.js';

export const EXECUTOR_ACTOR = 'system:executor';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  boot: BootstrapResult;
  close(): Promise<void>;
}

/** Builds the context around an open store (tests use this with their own store). */
export function createContext(store: Store, config: ServerConfig, now: () => Date = () => new Date(), bus: Bus = new MemoryBus()): AppContext {
  const estate = new EstateService(store);
  const incidents = new IncidentService(store, bus, estate, now);
  registerIntakeEventTypes();
  const detection = new DetectionService(store, estate, incidents, now, { rulePaths: config.rulePaths, grouping: config.grouping, iocPaths: config.iocPaths });
  const agents = new AgentService(store, bus, estate, now);
  const obligations = new ObligationService(store, estate, incidents, now, config.obligationsDir);
  registerExecutorEventTypes();
  const connectors = builtInConnectors(config.connectors);
  for (const connector of agents.connectors()) connectors.register(connector);
  const executor = new DurableExecutor(
    { repo: store.actions, connectors, bus, now, record: (id, drafts) => incidents.recordAsSystem(EXECUTOR_ACTOR, id, drafts).then(() => undefined) },
    { defaultTimeoutMs: config.executor.defaultTimeoutMs, retry: { ...DEFAULT_RETRY, maxAttempts: config.executor.maxAttempts, maxElapsedMs: config.executor.maxElapsedMs } },
  );
  const plans = new PlanService(store, bus, estate, incidents, executor, now, loadPolicyFile(config.policyFile));
  const scope = new ScopeService(store, bus, estate, incidents, executor, () => plans, now);
  const recovery = new RecoveryService(store, bus, estate, incidents, executor, now);
  const exercises = new ExerciseService(store, bus, estate, incidents, now);
  return { store, bus, config, now, estate, incidents, detection, agents, obligations, connectors, executor, plans, scope, recovery, exercises };
}

/** Opens storage, bootstraps and listens. `now` is the server's clock (an exercise runs it on scenario time). */
export async function startServer(config: ServerConfig, options: AppOptions = {}, now: () => Date = () => new Date()): Promise<RunningServer> {
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') }),
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  });
  let bus: Bus | undefined;
  try {
    bus = config.natsUrl ? await NatsBus.connect({ url: config.natsUrl, prefix: config.natsPrefix, name: `firebreak-serve-${process.pid}` }) : new MemoryBus();
    const ctx = createContext(store, config, now, bus);
    const boot = await bootstrap(ctx);
    await ctx.detection.load();
    await ctx.obligations.load();
    const app = await buildApp(ctx, { extend: webUi(), ...options });
    await app.listen({ host: config.host, port: config.port });
    const listening = app.server.address();
    // host:port names this node across restarts (two live servers never share it): a restart after kill -9
    // takes back its own leases at once.
    ctx.executor.start({ nodeId: `${os.hostname()}:${typeof listening === 'object' && listening ? listening.port : config.port}` });
    ctx.scope.start();
    ctx.recovery.start();
    // Plans started just before a crash, whose actions the executor never received.
    await ctx.plans.resume().catch((error: unknown) => app.log.error({ err: error }, 'resuming started plans failed'));
    const purge = () => void store.tokens.deleteExpired(ctx.now().toISOString()).catch((error: unknown) => app.log.warn({ err: error }, 'purging expired tokens failed'));
    purge();
    const purger = setInterval(purge, 60 * 60 * 1000).unref();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    ctx.exercises.listening(url);
    return {
      app,
      ctx,
      url,
      boot,
      async close() {
        clearInterval(purger);
        await app.close();
        await ctx.exercises.close();
        ctx.scope.stop();
        ctx.recovery.stop();
        await ctx.executor.close();
        await ctx.bus.close();
        await store.close();
      },
    };
  } catch (error) {
    await bus?.close();
    await store.close();
    throw error;
  }
}
