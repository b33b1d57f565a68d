/**
 * Directed reachability over segments (not hosts): hosts in one segment reach each other, links let an
 * attacker pivot from segment to segment. Ports are kept per reached segment: the union of the port sets of
 * every link that enters it from a reached segment (`any` for the source segments themselves).
 */
import type { EstateIndex } from './estate-index.types.js';
import { unionPorts, type PortSet } from './ports.js';

/** The result of a breadth-first search over segments. Typed arrays are indexed by segment integer id. */
export interface SegmentReach {
  /** Hops from the nearest source segment; -1 when not reached. */
  readonly hops: Int32Array;
  /** The segment it was first reached from; -1 for sources and unreached segments. */
  readonly via: Int32Array;
  /** Reached segments in breadth-first order (sources first). */
  readonly order: Int32Array;
  /** 1 when the segment can be entered on any port (always for sources). */
  readonly anyPort: Uint8Array;
  /** For reached segments without `anyPort`: ids of the port sets of the links that enter them. */
  readonly portSetIds: ReadonlyMap<number, ReadonlySet<number>>;
}

function recordPorts(anyPort: Uint8Array, portSetIds: Map<number, Set<number>>, to: number, portId: number): void {
  if (anyPort[to] === 1) return;
  if (portId === 0) {
    anyPort[to] = 1;
    portSetIds.delete(to);
    return;
  }
  const ids = portSetIds.get(to);
  if (ids) ids.add(portId);
  else portSetIds.set(to, new Set([portId]));
}

/**
 * Breadth-first search from the `sources` segment ids along directed links.
 *
 * @example
 * const reach = reachSegments(index, [index.segments.ids.get('tokyo-hq-office')]);
 * reach.order.length; // number of segments reachable, sources included
 */
export function reachSegments(index: EstateIndex, sources: Iterable<number>): SegmentReach {
  const n = index.segments.ids.size;
  const { start, items } = index.segments.links;
  const linkPorts = index.segments.linkPorts;
  const hops = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const anyPort = new Uint8Array(n);
  const portSetIds = new Map<number, Set<number>>();
  const queue = new Int32Array(n);
  let tail = 0;
  for (const s of sources) {
    if (s < 0 || s >= n || hops[s] === 0) continue;
    hops[s] = 0;
    anyPort[s] = 1;
    queue[tail++] = s;
  }
  for (let head = 0; head < tail; head += 1) {
    const from = queue[head]!;
    for (let e = start[from]!; e < start[from + 1]!; e += 1) {
      const to = items[e]!;
      recordPorts(anyPort, portSetIds, to, linkPorts[e]!);
      if (hops[to] !== -1) continue;
      hops[to] = hops[from]! + 1;
      via[to] = from;
      queue[tail++] = to;
    }
  }
  return { hops, via, order: queue.subarray(0, tail), anyPort, portSetIds };
}

/**
 * The ports on which reached segment `segment` can be entered, or `null` when it was not reached.
 *
 * @example
 * reachedPorts(index, reach, 3); // 'any', or e.g. ['445', '3389']
 */
export function reachedPorts(index: EstateIndex, reach: SegmentReach, segment: number): PortSet | null {
  if (reach.hops[segment] === -1) return null;
  if (reach.anyPort[segment] === 1) return 'any';
  const ids = reach.portSetIds.get(segment) ?? new Set<number>();
  return unionPorts([...ids].map((id) => index.portSets[id] ?? 'any'));
}

/**
 * The path of segment integer ids from a source to `segment` (inclusive), shortest in hops; empty when the
 * segment was not reached.
 *
 * @example
 * reachPath(reach, 7).map((s) => index.segments.ids.ids[s]); // ['office', 'core', 'dc']
 */
export function reachPath(reach: SegmentReach, segment: number): number[] {
  if (reach.hops[segment] === undefined || reach.hops[segment] === -1) return [];
  const path = [segment];
  for (let s = reach.via[segment]!; s !== -1; s = reach.via[s]!) path.push(s);
  return path.reverse();
}
