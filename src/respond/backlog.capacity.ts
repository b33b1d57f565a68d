/**
 * Service capacity over time, from the containment actually in place: the hosts isolated or shut down at each
 * moment, through the estate graph's capacity model (a service keeps the share of its hosts that are not
 * isolated; a service whose dependency is down is down). Change times are exact while there are at most
 * {@link MAX_CHANGE_POINTS} of them; beyond that they are rounded down to `resolutionMs` (coarsened further
 * until they fit), so a fan-out over thousands of hosts within a minute counts as one change.
 */
import { isolationImpact, type EstateIndex } from '../estate/graph/index.js';
import type { ContainmentChange } from './recovery.containment.js';
import type { CapacitySpan } from './backlog.curve.js';

/** Change points at most; beyond it the resolution is coarsened until they fit. */
export const MAX_CHANGE_POINTS = 2000;

interface Snapshot {
  at: number;
  hosts: string[];
}

function snapshots(changes: readonly ContainmentChange[], resolutionMs: number, known: ReadonlySet<string>): Snapshot[] {
  const down = new Map<string, number>();
  const result: Snapshot[] = [];
  let current: number | undefined;
  const flush = () => {
    if (current !== undefined) result.push({ at: current, hosts: [...down.keys()].sort() });
  };
  for (const change of changes) {
    if (change.kind !== 'host' || !known.has(change.ref)) continue;
    const at = Math.floor(Date.parse(change.at) / resolutionMs) * resolutionMs;
    if (Number.isNaN(at)) continue;
    if (current !== undefined && at !== current) flush();
    current = at;
    if (change.on) down.set(change.ref, at);
    else down.delete(change.ref);
  }
  flush();
  return result;
}

/**
 * Per service (by id), its capacity spans from its first loss of capacity on; services never affected are absent.
 * The last span of each service is open (`to: null`).
 *
 * @example
 * capacitySpans(index, containmentTimeline(records), 60_000).get('order-intake-uk');
 * // [{ from: t0, to: t1, capacity: 0 }, { from: t1, to: null, capacity: 1 }]
 */
export function capacitySpans(index: EstateIndex, changes: readonly ContainmentChange[], resolutionMs: number): Map<string, CapacitySpan[]> {
  const known = new Set(index.hosts.ids.ids);
  let points = snapshots(changes, 1, known);
  let resolution = resolutionMs;
  if (points.length > MAX_CHANGE_POINTS) points = snapshots(changes, resolution, known);
  while (points.length > MAX_CHANGE_POINTS) {
    resolution *= 4;
    points = snapshots(changes, resolution, known);
  }
  const spans = new Map<string, CapacitySpan[]>();
  for (const point of points) {
    const capacities = new Map<string, number>();
    if (point.hosts.length > 0) for (const s of isolationImpact(index, { hosts: point.hosts }).services) capacities.set(s.id, s.capacity);
    for (const [id, list] of spans) {
      const capacity = capacities.get(id) ?? 1;
      const open = list[list.length - 1]!;
      if (open.capacity === capacity) continue;
      open.to = point.at;
      list.push({ from: point.at, to: null, capacity });
    }
    for (const [id, capacity] of capacities) {
      if (!spans.has(id)) spans.set(id, [{ from: point.at, to: null, capacity }]);
    }
  }
  return spans;
}
