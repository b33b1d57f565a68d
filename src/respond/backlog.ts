/**
 * Business backlog (pure): per service, entity and region, since when it is down, when it came back, the work
 * that piled up (throughput x downtime, the lost share while degraded) and, once back, when it will be worked
 * off given a surge capacity. Series on a shared time grid are ready for a chart.
 *
 * ```
 * action records ─> containment timeline ─> hosts down at each change ─> capacity per service (estate graph)
 *   ─> capacity spans ─> backlog curve (accrue while < 1, work off at throughput x (surge - 1) once back)
 *   ─> numbers now, work-off estimate, series per service ─> sums per entity and region, per unit
 * ```
 */
import type { EstateIndex } from '../estate/graph/index.js';
import type { EstateDocument, Service } from '../estate/index.js';
import { aggregateBacklog, type AggregateBacklog, type UnitTotal } from './backlog.aggregate.js';
import { capacitySpans } from './backlog.capacity.js';
import { backlogCurve, sampleCurve, type CapacitySpan } from './backlog.curve.js';
import { containmentTimeline } from './recovery.containment.js';
import type { ActionRecord } from './types.js';

export interface BacklogOptions {
  /** Throughput a restored service reaches, as a multiple of normal (1.25: a quarter spare to work off the pile). */
  surge?: number;
  /** Minutes between points of the series. */
  stepMinutes?: number;
  /** When there are too many changes to follow one by one, their times are rounded down to this many minutes. */
  resolutionMinutes?: number;
  /** Points per series at most (the step grows to fit). */
  maxPoints?: number;
  /** How far past now a work-off estimate may reach, in hours. */
  horizonHours?: number;
}

/** When a recovery step that restored a service completed (shown with the service). */
export interface RestoredBy {
  service: string;
  recoveryId: string;
  step: number;
  at: string;
}

export type ServiceState = 'down' | 'degraded' | 'restored' | 'up';

export interface ServiceBacklog {
  id: string;
  name: string;
  entity: string;
  region: string | null;
  unit: string | null;
  perHour: number | null;
  state: ServiceState;
  capacityNow: number;
  downSince: string;
  restoredAt: string | null;
  outages: { from: string; to: string | null; lowestCapacity: number }[];
  accrued: number | null;
  backlog: number | null;
  lostPerHour: number | null;
  /** Once back: hours from now to work the pile off and when; while down: hours it would take if restored now. */
  workOff: { hours: number; clearedAt: string | null; projected: boolean } | null;
  restoredBy: RestoredBy[];
  /** Backlog at each grid time (null past now while the service is still down); null without a throughput. */
  series: (number | null)[] | null;
}

export interface BacklogView {
  at: string;
  surge: number;
  stepMinutes: number;
  grid: string[];
  services: ServiceBacklog[];
  entities: AggregateBacklog[];
  regions: AggregateBacklog[];
  totals: UnitTotal[];
  assumptions: string[];
}

export const BACKLOG_ASSUMPTIONS = [
  'A service is down or degraded while its hosts are isolated or shut down (from the executor’s action records), through the estate’s capacity model.',
  'Backlog accrues at normal throughput x (1 - capacity) per hour: all of it while down, the lost share while degraded.',
  'Once back, a service runs at surge x normal throughput while new work keeps arriving at the normal rate: the spare (surge - 1) x normal per hour works the backlog off.',
  'Segment cuts and hosts marked in scope without being isolated are not counted as downtime.',
  'Services without a declared throughput show their downtime but no backlog.',
];

const MINUTE = 60_000;
const round = (value: number) => Math.round(value * 100) / 100;
const iso = (ms: number) => new Date(ms).toISOString();

function outagesOf(spans: readonly CapacitySpan[]): ServiceBacklog['outages'] {
  const outages: ServiceBacklog['outages'] = [];
  let open: { from: number; lowest: number } | undefined;
  for (const span of spans) {
    if (span.capacity < 1) {
      open = open ? { from: open.from, lowest: Math.min(open.lowest, span.capacity) } : { from: span.from, lowest: span.capacity };
      continue;
    }
    if (open) outages.push({ from: iso(open.from), to: iso(span.from), lowestCapacity: round(open.lowest) });
    open = undefined;
  }
  if (open) outages.push({ from: iso(open.from), to: null, lowestCapacity: round(open.lowest) });
  return outages;
}

function stateOf(capacity: number, spans: readonly CapacitySpan[]): ServiceState {
  if (capacity <= 0) return 'down';
  if (capacity < 1) return 'degraded';
  return spans.some((s) => s.capacity < 1) ? 'restored' : 'up';
}

function serviceBacklog(service: Service, region: string | null, spans: CapacitySpan[], ctx: { now: number; horizon: number; surge: number; grid: number[]; restoredBy: RestoredBy[] }): ServiceBacklog {
  const capacityNow = spans[spans.length - 1]!.capacity;
  const outages = outagesOf(spans);
  const last = outages[outages.length - 1];
  const base = {
    id: service.id, name: service.name, entity: service.entity, region, state: stateOf(capacityNow, spans), capacityNow: round(capacityNow),
    downSince: outages[0]!.from, restoredAt: last?.to ?? null, outages, restoredBy: ctx.restoredBy.filter((r) => r.service === service.id),
  };
  const tp = service.throughput;
  if (!tp) return { ...base, unit: null, perHour: null, accrued: null, backlog: null, lostPerHour: null, workOff: null, series: null };
  const curve = backlogCurve(spans, tp.perHour, ctx.surge, ctx.now, ctx.horizon);
  const now = sampleCurve(curve.points, ctx.now) ?? 0;
  const spare = tp.perHour * (ctx.surge - 1);
  const hours = spare > 0 ? now / spare : Number.POSITIVE_INFINITY;
  const back = capacityNow >= 1;
  const workOff = !Number.isFinite(hours) ? null : { hours: round(hours), clearedAt: back && curve.clearedAt !== null ? iso(curve.clearedAt) : null, projected: back && curve.projected };
  return {
    ...base,
    unit: tp.unit,
    perHour: tp.perHour,
    accrued: round(curve.accrued),
    backlog: round(now),
    lostPerHour: round(tp.perHour * (1 - capacityNow)),
    workOff,
    series: ctx.grid.map((t) => {
      const value = sampleCurve(curve.points, t);
      return value === undefined || (!back && t > ctx.now) ? null : round(value);
    }),
  };
}

function gridOf(start: number, end: number, stepMinutes: number, maxPoints: number): { grid: number[]; step: number } {
  let step = stepMinutes * MINUTE;
  if ((end - start) / step > maxPoints - 1) step = Math.ceil((end - start) / (maxPoints - 1) / (stepMinutes * MINUTE)) * stepMinutes * MINUTE;
  const first = Math.floor(start / step) * step;
  const grid: number[] = [];
  for (let t = first; t < end + step && grid.length < maxPoints; t += step) grid.push(t);
  return { grid, step: step / MINUTE };
}

/**
 * The backlog of every service that lost capacity during the incident.
 *
 * @example
 * const view = computeBacklog(estate, index, records, { now: new Date(), restoredBy: [] }, { surge: 1.25 });
 * view.regions.find((r) => r.id === 'emea')?.units; // [{ unit: 'orders', accrued: 25200, backlog: 0, ... }]
 */
export function computeBacklog(
  estate: EstateDocument,
  index: EstateIndex,
  records: readonly ActionRecord[],
  input: { now: Date; restoredBy?: readonly RestoredBy[] },
  options: BacklogOptions = {},
): BacklogView {
  const surge = options.surge ?? 1.25;
  const now = input.now.getTime();
  const horizon = now + (options.horizonHours ?? 24 * 30) * 3_600_000;
  const spans = capacitySpans(index, containmentTimeline(records), (options.resolutionMinutes ?? 1) * MINUTE);
  const byId = new Map(estate.services.map((s) => [s.id, s]));
  const regionOf = new Map(estate.entities.map((e) => [e.id, e.region]));
  const starts = [...spans.values()].map((list) => list[0]!.from);
  const provisional = [...spans.entries()].map(([id, list]) => ({ id, curve: byId.get(id)?.throughput ? backlogCurve(list, byId.get(id)!.throughput!.perHour, surge, now, horizon) : undefined }));
  const end = Math.max(now, ...provisional.map((p) => p.curve?.clearedAt ?? now));
  const { grid, step } = starts.length === 0 ? { grid: [], step: options.stepMinutes ?? 60 } : gridOf(Math.min(...starts), end, options.stepMinutes ?? 60, options.maxPoints ?? 500);
  const ctx = { now, horizon, surge, grid, restoredBy: [...(input.restoredBy ?? [])] };
  const services = [...spans.entries()]
    .filter(([id]) => byId.has(id))
    .map(([id, list]) => serviceBacklog(byId.get(id)!, regionOf.get(byId.get(id)!.entity) ?? null, list, ctx))
    .sort((a, b) => (a.downSince < b.downSince ? -1 : a.downSince > b.downSince ? 1 : a.id < b.id ? -1 : 1));
  const { entities, regions, totals } = aggregateBacklog(estate, services, grid.length);
  return { at: iso(now), surge, stepMinutes: step, grid: grid.map(iso), services, entities, regions, totals, assumptions: [...BACKLOG_ASSUMPTIONS] };
}
