/**
 * A deterministic layout of the estate, computed in one pass (no force simulation): regions on a ring stretched
 * sideways (a wide picture, like the screens it is shown on), each region's entities on a ring around it, each entity's segments on a ring around it, and each segment's hosts
 * as a sunflower disc around the segment. Hosts therefore sit clustered with their segment, clusters never
 * overlap, and the same estate always looks the same, so people can find their way around it.
 *
 *            region ── entity ── segment
 *                         │         ╲
 *                     services    · · hosts (disc)
 */
import type { EstateDocument } from '../../../../src/estate/schema';

export interface Point {
  x: number;
  y: number;
}

/** Node keys: `region:emea`, `entity:hik-uk`, `segment:uk-office`, `host:uk-ws0001`, `service:uk-orders`. */
export type Positions = Map<string, Point>;

/** Distance between neighbouring hosts in a disc; every other length is a multiple of it. */
const SPACING = 1;
const GAP = 4 * SPACING;
/** Room kept around an entity's own node for its services. */
const INNER = 12 * SPACING;
/** How much wider than tall the ring of regions is. */
const WORLD_STRETCH = 1.6;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

interface Group {
  key: string;
  /** Radius of the disc the group occupies, around its centre. */
  radius: number;
  /** Positions relative to the group's centre. */
  place: (origin: Point, into: Positions) => void;
}

function disc(count: number): number {
  return SPACING * Math.sqrt(Math.max(count, 1)) + SPACING;
}

/**
 * Children on a ring around the parent node, each given an arc proportional to its size, the ring just large
 * enough that no two children overlap and the parent (with `inner` room around it) stays clear. `stretch` widens
 * the ring into an ellipse, which only moves children further apart. A single child sits at the group's
 * centre with the parent node just outside it, so a region with one entity wastes no space.
 */
function ring(
  key: string,
  children: Group[],
  inner: number,
  placeParent: (origin: Point, into: Positions) => void,
  stretch = 1,
): Group {
  const [only] = children;
  if (children.length === 1 && only) {
    return {
      key,
      radius: only.radius + 2 * inner,
      place(origin, into) {
        only.place(origin, into);
        placeParent({ x: origin.x, y: origin.y + only.radius + inner }, into);
      },
    };
  }
  const arcs = children.map((c) => 2 * c.radius + GAP);
  const total = arcs.reduce((a, b) => a + b, 0);
  let along = 0;
  const angles = arcs.map((arc) => {
    const angle = ((along + arc / 2) / Math.max(total, 1)) * 2 * Math.PI - Math.PI / 2;
    along += arc;
    return angle;
  });
  const widest = Math.max(0, ...children.map((c) => c.radius));
  let r = inner > 0 ? widest + inner : 0;
  children.forEach((a, i) => {
    for (let j = i + 1; j < children.length; j++) {
      const apart = Math.sin(Math.abs((angles[i] ?? 0) - (angles[j] ?? 0)) / 2);
      if (apart > 1e-6) r = Math.max(r, (a.radius + (children[j]?.radius ?? 0) + GAP) / (2 * apart));
    }
  });
  return {
    key,
    radius: Math.max(r + widest, inner),
    place(origin, into) {
      placeParent(origin, into);
      children.forEach((child, i) => {
        const angle = angles[i] ?? 0;
        child.place({ x: origin.x + stretch * r * Math.cos(angle), y: origin.y + r * Math.sin(angle) }, into);
      });
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function segmentGroup(id: string, hostnames: readonly string[]): Group {
  return {
    key: `segment:${id}`,
    radius: disc(hostnames.length),
    place(origin, into) {
      into.set(`segment:${id}`, origin);
      hostnames.forEach((hostname, i) => {
        const r = SPACING * Math.sqrt(i + 1.5);
        const a = i * GOLDEN_ANGLE;
        into.set(`host:${hostname}`, { x: origin.x + r * Math.cos(a), y: origin.y + r * Math.sin(a) });
      });
    },
  };
}

function entityGroup(id: string, segments: Group[], services: readonly string[]): Group {
  return ring(`entity:${id}`, segments, INNER, (origin, into) => {
    into.set(`entity:${id}`, origin);
    services.forEach((service, i) => {
      const a = (i / Math.max(services.length, 1)) * 2 * Math.PI;
      const r = INNER * 0.6;
      into.set(`service:${service}`, { x: origin.x + r * Math.cos(a), y: origin.y + r * Math.sin(a) });
    });
  });
}

/**
 * Positions of every node of the estate graph.
 *
 * @example
 * layoutEstate(doc).get('host:uk-ws0001'); // { x: 812.4, y: -96.1 }
 */
export function layoutEstate(doc: EstateDocument): Positions {
  const hostsBySegment = groupBy(doc.hosts, (h) => h.segment);
  const segmentsByEntity = groupBy(doc.segments, (s) => s.entity);
  const servicesByEntity = groupBy(doc.services, (s) => s.entity);
  const knownRegions = new Set(doc.regions.map((r) => r.id));
  const entitiesByRegion = groupBy(doc.entities, (e) => (knownRegions.has(e.region) ? e.region : ''));

  const regionGroups: Group[] = [...entitiesByRegion.entries()].map(([region, entities]) => {
    const groups = entities.map((entity) => {
      const segments = (segmentsByEntity.get(entity.id) ?? []).map((s) =>
        segmentGroup(
          s.id,
          (hostsBySegment.get(s.id) ?? []).map((h) => h.hostname),
        ),
      );
      return entityGroup(
        entity.id,
        segments,
        (servicesByEntity.get(entity.id) ?? []).map((s) => s.id),
      );
    });
    return ring(`region:${region}`, groups, 2 * GAP, (origin, into) => {
      if (region) into.set(`region:${region}`, origin);
    });
  });

  const positions: Positions = new Map();
  ring('world', regionGroups, 0, () => undefined, WORLD_STRETCH).place({ x: 0, y: 0 }, positions);
  return positions;
}
