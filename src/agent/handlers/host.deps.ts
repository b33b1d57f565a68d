/** What the sweep and triage handlers need: the host's collectors (injected, so tests need no root). */
import type { CommandBody } from '../protocol/command.js';
import type { HostCollectors } from '../sweep/host.js';

export interface HostDeps {
  host: HostCollectors;
  /** Paths walked when the command names none (per operating system, see sweep/default-paths.ts). */
  defaultPaths: () => string[];
}

/** When the walk must stop: after `maxSeconds`, and no later than the command's expiry (at least 5 s from now). */
export function deadlineFor(command: CommandBody, maxSeconds: number, now: number): number {
  const expires = Date.parse(command.expiresAt);
  const byExpiry = Number.isFinite(expires) ? Math.max(expires, now + 5000) : Infinity;
  return Math.min(now + maxSeconds * 1000, byExpiry);
}
