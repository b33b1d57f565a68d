/** Timing helpers for benchmarks: warm up, run several times, keep the median. Single thread, no workers. */
import { performance } from 'node:perf_hooks';

export interface MeasureOptions {
  warmup?: number;
  runs?: number;
}

/** One measured figure, in milliseconds. */
export interface Figure {
  name: string;
  medianMs: number;
  minMs: number;
  runs: number;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times, and returns the median and the minimum. The value
 * returned by `fn` is kept in a sink so that the work cannot be optimised away.
 *
 * @example
 * const parse = measure('JSON.parse', () => JSON.parse(text), { runs: 9 });
 */
export function measure(name: string, fn: () => unknown, options: MeasureOptions = {}): Figure {
  const { warmup = 3, runs = 11 } = options;
  let sink: unknown;
  for (let i = 0; i < warmup; i += 1) sink = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    sink = fn();
    times.push(performance.now() - start);
  }
  sinks[0] = sink;
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, runs };
}

/** Holds the last result of each measurement so that the engine cannot drop the work as dead code. */
const sinks: unknown[] = [];

/**
 * A plain-text table of figures with their ratio to the baseline figure.
 *
 * @example
 * console.log(table(figures, figures[0]));
 */
export function table(figures: readonly Figure[], baseline: Figure): string {
  const width = Math.max(...figures.map((f) => f.name.length), 10);
  const head = `${'measurement'.padEnd(width)}  ${'median ms'.padStart(10)}  ${'min ms'.padStart(9)}  ${'x baseline'.padStart(10)}`;
  const rows = figures.map(
    (f) =>
      `${f.name.padEnd(width)}  ${f.medianMs.toFixed(3).padStart(10)}  ${f.minMs.toFixed(3).padStart(9)}  ${(f.medianMs / baseline.medianMs).toFixed(4).padStart(10)}`,
  );
  return [head, '-'.repeat(head.length), ...rows].join('\n');
}
