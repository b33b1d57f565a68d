/** What the isolate and release handlers need: injected so unit tests run without root or network. */
import type { Resolver } from '../isolation/endpoints.js';
import type { Isolator, ResolvedTarget } from '../isolation/isolator.js';
import type { ProbeTarget } from '../protocol/command.js';
import type { StateHolder } from '../runtime/state-file.js';

export interface IsolationDeps {
  isolator: Isolator;
  state: StateHolder;
  /** nftables table name (default `firebreak_isolation`). */
  table: string;
  resolve: Resolver;
  /** The configured probe target, else the default gateway on the given port; undefined when neither exists. */
  defaultProbe(): Promise<ProbeTarget | undefined>;
  now: () => Date;
}

/** Resolves a probe target's host to an address (before isolating, while DNS still works). */
export async function resolveTarget(target: ProbeTarget, resolve: Resolver): Promise<ResolvedTarget | undefined> {
  try {
    const [address] = await resolve(target.host);
    return address === undefined ? undefined : { host: target.host, address, port: target.port };
  } catch {
    return undefined;
  }
}
