/**
 * The handlers an agent runs, by role. Every agent: ping, isolate, release, sweep, triage, shutdown. A gateway
 * (a Linux router, `--role gateway`) also: segment_cut and segment_restore. An endpoint refuses those with
 * `unknown_type`, naming what it knows.
 */
import type { GatewayDeps } from './gateway.deps.js';
import type { HostDeps } from './host.deps.js';
import { isolateHandler } from './isolate.handler.js';
import type { IsolationDeps } from './isolation.deps.js';
import { pingHandler } from './ping.handler.js';
import { HandlerRegistry } from './registry.js';
import { releaseHandler } from './release.handler.js';
import { segmentCutHandler } from './segment-cut.handler.js';
import { segmentRestoreHandler } from './segment-restore.handler.js';
import { shutdownHandler, type ShutdownDeps } from './shutdown.handler.js';
import { sweepHandler } from './sweep.handler.js';
import { triageHandler } from './triage.handler.js';

export interface RegistryDeps {
  now: () => Date;
  isolation: IsolationDeps;
  host: HostDeps;
  shutdown: ShutdownDeps;
  /** Present for a gateway. */
  gateway?: GatewayDeps;
}

export function buildRegistry(deps: RegistryDeps): HandlerRegistry {
  const registry = new HandlerRegistry()
    .register(pingHandler(deps.now))
    .register(isolateHandler(deps.isolation))
    .register(releaseHandler(deps.isolation))
    .register(sweepHandler(deps.host))
    .register(triageHandler(deps.host))
    .register(shutdownHandler(deps.shutdown));
  if (deps.gateway) registry.register(segmentCutHandler(deps.gateway)).register(segmentRestoreHandler(deps.gateway));
  return registry;
}
