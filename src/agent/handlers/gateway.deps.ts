/** What the gateway handlers (segment_cut, segment_restore) need: injected so unit tests run without root. */
import type { CutStore } from '../gateway/cut-store.js';
import type { Gateway } from '../gateway/gateway.js';
import type { Forwarding } from '../gateway/routing.js';
import type { Resolver } from '../isolation/endpoints.js';
import type { StateHolder } from '../runtime/state-file.js';

export interface GatewayDeps {
  gateway: Gateway;
  cuts: CutStore;
  /** For the server URL: the segment's hosts keep their control channel through the cut. */
  state: StateHolder;
  resolve: Resolver;
  forwarding(): Promise<Forwarding>;
  now: () => Date;
}
