/**
 * The geometry of a small line and area chart (pure): linear scales, "nice" axis ticks, and SVG paths over
 * series with gaps (null: unknown, e.g. a service still down past now). No chart library.
 */

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a flat domain maps to the middle of the range. */
export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const f = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  f.domain = domain;
  return f;
}

/**
 * Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten.
 *
 * @example
 * niceTicks(87, 5); // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** Runs of consecutive known points: each becomes its own line (a gap breaks the line). */
export function segments(xs: readonly number[], values: readonly (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((value, i) => {
    const x = xs[i];
    if (value === null || x === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    run.push([x, value]);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** An SVG path through the runs, in pixels. */
export function linePath(runs: readonly [number, number][][], x: Scale, y: Scale): string {
  return runs.map((run) => run.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${fmt(x(a))},${fmt(y(b))}`).join('')).join('');
}

/** The area under each run down to y = 0, in pixels. */
export function areaPath(runs: readonly [number, number][][], x: Scale, y: Scale): string {
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const top = run.map(([a, b]) => `L${fmt(x(a))},${fmt(y(b))}`).join('');
      return `M${fmt(x(first[0]))},${fmt(y(0))}${top}L${fmt(x(last[0]))},${fmt(y(0))}Z`;
    })
    .join('');
}

/** Up to `count` evenly spread indices of a grid, always including the first and the last. */
export function tickIndices(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

/** The largest known value of the series (0 when none). */
export function maxOf(series: readonly (readonly (number | null)[])[]): number {
  let max = 0;
  for (const values of series) for (const v of values) if (v !== null && v > max) max = v;
  return max;
}
