/** Backlog summed per entity, per region and overall, per unit (orders are not added to print jobs). */
import type { EstateDocument } from '../estate/index.js';
import type { ServiceBacklog } from './backlog.js';

export interface UnitTotal {
  unit: string;
  accrued: number;
  backlog: number;
  lostPerHour: number;
  /** When every service's pile in this unit is worked off; null while one of them is still down or degraded. */
  clearedAt: string | null;
  /** Sum of the services' series (null at a time when one of them is unknown). */
  series: (number | null)[];
}

export interface AggregateBacklog {
  id: string;
  name: string;
  servicesDown: number;
  servicesDegraded: number;
  /** The first outage of any of its services, and when the last one came back (null while one is out). */
  downSince: string;
  restoredAt: string | null;
  units: UnitTotal[];
}

const round = (value: number) => Math.round(value * 100) / 100;

function unitTotals(services: readonly ServiceBacklog[], points: number): UnitTotal[] {
  const byUnit = new Map<string, ServiceBacklog[]>();
  for (const s of services) {
    if (s.unit === null) continue;
    const list = byUnit.get(s.unit);
    if (list) list.push(s);
    else byUnit.set(s.unit, [s]);
  }
  return [...byUnit.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([unit, list]) => {
    const series: (number | null)[] = Array.from({ length: points }, (_, i) => {
      let sum = 0;
      for (const s of list) {
        const v = s.series?.[i];
        if (v === null || v === undefined) return null;
        sum += v;
      }
      return round(sum);
    });
    const pending = list.some((s) => (s.backlog ?? 0) > 0 && s.workOff?.clearedAt == null);
    const cleared = list.map((s) => s.workOff?.clearedAt).filter((c): c is string => typeof c === 'string').sort();
    return {
      unit,
      accrued: round(list.reduce((sum, s) => sum + (s.accrued ?? 0), 0)),
      backlog: round(list.reduce((sum, s) => sum + (s.backlog ?? 0), 0)),
      lostPerHour: round(list.reduce((sum, s) => sum + (s.lostPerHour ?? 0), 0)),
      clearedAt: pending ? null : (cleared[cleared.length - 1] ?? null),
      series,
    };
  });
}

function aggregate(id: string, name: string, services: readonly ServiceBacklog[], points: number): AggregateBacklog {
  const down = services.filter((s) => s.state === 'down').length;
  const degraded = services.filter((s) => s.state === 'degraded').length;
  const since = services.map((s) => s.downSince).sort()[0]!;
  const out = down + degraded > 0;
  const restored = services.map((s) => s.restoredAt).filter((r): r is string => r !== null).sort();
  return { id, name, servicesDown: down, servicesDegraded: degraded, downSince: since, restoredAt: out ? null : (restored[restored.length - 1] ?? null), units: unitTotals(services, points) };
}

function groupBy(services: readonly ServiceBacklog[], key: (s: ServiceBacklog) => string | null): Map<string, ServiceBacklog[]> {
  const groups = new Map<string, ServiceBacklog[]>();
  for (const s of services) {
    const k = key(s);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  return groups;
}

/**
 * Sums per entity (the services' owner) and per region, and totals per unit.
 *
 * @example
 * aggregateBacklog(estate, services, grid.length).regions[0]?.units[0]; // { unit: 'orders', accrued: ..., series: [...] }
 */
export function aggregateBacklog(estate: EstateDocument, services: readonly ServiceBacklog[], points: number) {
  const names = new Map([...estate.entities.map((e) => [e.id, e.name] as const), ...estate.regions.map((r) => [`region:${r.id}`, r.name] as const)]);
  const sortById = (a: AggregateBacklog, b: AggregateBacklog) => (a.id < b.id ? -1 : 1);
  const entities = [...groupBy(services, (s) => s.entity)].map(([id, list]) => aggregate(id, names.get(id) ?? id, list, points)).sort(sortById);
  const regions = [...groupBy(services, (s) => s.region)].map(([id, list]) => aggregate(id, names.get(`region:${id}`) ?? id, list, points)).sort(sortById);
  return { entities, regions, totals: unitTotals(services, points) };
}
