/**
 * The backlog of one service over time, as a piecewise-linear curve. While the service runs at capacity c < 1,
 * work it cannot do piles up at throughput x (1 - c) per hour. Once it is back (c = 1) it runs at `surge` x
 * normal throughput while new work keeps arriving at the normal rate, so the spare throughput x (surge - 1) per
 * hour works the pile off. Times are milliseconds since the epoch; amounts are in the service's unit.
 */

/** A span of constant capacity; `to` null means "still so now". */
export interface CapacitySpan {
  from: number;
  to: number | null;
  capacity: number;
}

/** A corner of the curve. */
export interface CurvePoint {
  t: number;
  backlog: number;
}

export interface BacklogCurve {
  points: CurvePoint[];
  /** Everything lost while down or degraded, up to `now`. */
  accrued: number;
  /** When the pile is (or will be) worked off; null while the service is still down or degraded, or never (surge <= 1). */
  clearedAt: number | null;
  /** Whether `clearedAt` lies after `now` (an estimate). */
  projected: boolean;
}

const HOUR = 3_600_000;

/**
 * The curve from the first span to `now`, and beyond `now` until the pile is worked off when the service is
 * back (at most until `horizon`).
 *
 * @example
 * // 100 orders/h, down for 2 h, then back with surge 1.25: 200 orders behind, worked off 8 h later.
 * backlogCurve([{ from: 0, to: 2 * HOUR, capacity: 0 }, { from: 2 * HOUR, to: null, capacity: 1 }], 100, 1.25, 3 * HOUR, 48 * HOUR).clearedAt;
 * // 10 * HOUR
 */
export function backlogCurve(spans: readonly CapacitySpan[], perHour: number, surge: number, now: number, horizon: number): BacklogCurve {
  const first = spans[0];
  if (!first) return { points: [], accrued: 0, clearedAt: null, projected: false };
  const points: CurvePoint[] = [{ t: first.from, backlog: 0 }];
  let backlog = 0;
  let accrued = 0;
  let clearedAt: number | null = null;
  const spare = perHour * (surge - 1);
  for (const [i, span] of spans.entries()) {
    const last = i === spans.length - 1;
    const end = span.to ?? (span.capacity < 1 || !last ? now : horizon);
    if (end <= span.from) continue;
    if (span.capacity < 1) {
      const lost = (perHour * (1 - span.capacity) * (Math.min(end, now) - span.from)) / HOUR;
      accrued += Math.max(0, lost);
      backlog += (perHour * (1 - span.capacity) * (end - span.from)) / HOUR;
      clearedAt = null;
      points.push({ t: end, backlog });
      continue;
    }
    if (backlog <= 0) {
      points.push({ t: end, backlog: 0 });
      continue;
    }
    if (spare <= 0) {
      points.push({ t: Math.min(end, now), backlog });
      clearedAt = null;
      if (last) break;
      continue;
    }
    const zero = span.from + (backlog / spare) * HOUR;
    if (zero <= end) {
      points.push({ t: zero, backlog: 0 });
      clearedAt = zero;
      backlog = 0;
      if (end > zero && !(last && span.to === null)) points.push({ t: end, backlog: 0 });
    } else {
      backlog -= (spare * (end - span.from)) / HOUR;
      points.push({ t: end, backlog });
    }
  }
  return { points, accrued, clearedAt, projected: clearedAt !== null && clearedAt > now };
}

/**
 * The backlog at time `t` on a curve (linear between corners; 0 before it starts; after its last corner, the last
 * value when that is 0, otherwise undefined: nothing is known past `now` while the service is down).
 *
 * @example
 * sampleCurve(curve.points, now); // orders behind now
 */
export function sampleCurve(points: readonly CurvePoint[], t: number): number | undefined {
  const first = points[0];
  if (!first || t <= first.t) return 0;
  for (let i = 1; i < points.length; i += 1) {
    const b = points[i]!;
    if (t <= b.t) {
      const a = points[i - 1]!;
      return b.t === a.t ? b.backlog : a.backlog + ((b.backlog - a.backlog) * (t - a.t)) / (b.t - a.t);
    }
  }
  const lastPoint = points[points.length - 1]!;
  return lastPoint.backlog === 0 ? 0 : undefined;
}
