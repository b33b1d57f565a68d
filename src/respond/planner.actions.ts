/**
 * The actions of containment plans: host isolation (through the Firebreak agent, or Microsoft Defender for
 * Endpoint when the host carries an `edr:mde:<machineId>` tag) and segment cuts on the gateway. Each action
 * names its reversal, so that a whole plan can be rolled back.
 */
import type { Host, Segment } from '../estate/index.js';
import type { ActionSpec } from './types.js';

/** Hosts managed by Defender for Endpoint carry `edr:mde:<machineId>`. */
export const MDE_TAG_PREFIX = 'edr:mde:';

/** Hands out action ids in order: `a0001`, `a0002`, ... */
export class ActionIds {
  private count = 0;

  next(): string {
    this.count += 1;
    return `a${String(this.count).padStart(4, '0')}`;
  }
}

function mdeMachineId(host: Host): string | undefined {
  const tag = host.tags.find((t) => t.startsWith(MDE_TAG_PREFIX) && t.length > MDE_TAG_PREFIX.length);
  return tag?.slice(MDE_TAG_PREFIX.length);
}

/**
 * Isolating one host: the agent's `isolate` (reversed by `release`), or Defender's `isolate` (reversed by
 * `unisolate`) for hosts tagged `edr:mde:<machineId>`.
 *
 * @example
 * isolateHostAction('a0001', host).label; // 'isolate jp-fs01 (jp-hq)'
 */
export function isolateHostAction(id: string, host: Host): ActionSpec {
  const target = { kind: 'host' as const, ref: host.hostname, entity: host.entity };
  const machineId = mdeMachineId(host);
  if (machineId !== undefined) {
    return {
      id,
      connector: 'mde',
      operation: 'isolate',
      target,
      args: { machineId },
      reversal: { operation: 'unisolate', args: { machineId } },
      label: `isolate ${host.hostname} (${host.entity}) through Defender for Endpoint`,
    };
  }
  return {
    id,
    connector: 'agent',
    operation: 'isolate',
    target,
    args: {},
    reversal: { operation: 'release', args: {} },
    label: `isolate ${host.hostname} (${host.entity})`,
  };
}

/**
 * Cutting a segment on its gateway: its external connectivity (`external: true`) and/or its links to `peers`.
 * The gateway connector resolves the segments' CIDRs.
 *
 * @example
 * cutSegmentAction('a0002', segment, { external: true, peers: [] }).label; // 'cut external links of jp-office (Tokyo breakout)'
 */
export function cutSegmentAction(id: string, segment: Segment, cut: { external: boolean; peers: readonly string[] }): ActionSpec {
  const args = { segment: segment.id, external: cut.external, peers: [...cut.peers] };
  const parts: string[] = [];
  if (cut.external) parts.push(`external links of ${segment.id} (${segment.external.map((link) => link.name).join(', ')})`);
  if (cut.peers.length > 0) parts.push(`links between ${segment.id} and ${cut.peers.join(', ')}`);
  return {
    id,
    connector: 'gateway',
    operation: 'cut',
    target: { kind: 'segment', ref: segment.id, entity: segment.entity },
    args,
    reversal: { operation: 'restore', args },
    label: `cut ${parts.join(' and ')}`,
  };
}
