/**
 * Deterministic synthetic indicators for benchmarks and load tests: a mix of hashes, addresses and networks
 * of both families, domains, URLs, registry keys and file names, none of which occur in real logs.
 */
import type { Indicator, IndicatorType } from './indicator.js';

/** A small deterministic generator (mulberry32), so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(next: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

const MAKERS: readonly [IndicatorType, (next: () => number, i: number) => string][] = [
  ['sha256', (next) => hex(next, 64)],
  ['md5', (next) => hex(next, 32)],
  [
    'ipv4',
    (next, i) =>
      `${100 + (i % 100)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.0/${[16, 20, 24, 32][i % 4]}`,
  ],
  ['ipv6', (next) => `2001:db8:${hex(next, 4)}:${hex(next, 4)}::/64`],
  ['domain', (next) => `${hex(next, 10)}.bench.example`],
  ['url', (next) => `http://${hex(next, 8)}.bench.example/${hex(next, 6)}`],
  ['registry-key', (next) => `HKLM\\Software\\Bench\\${hex(next, 8)}`],
  ['file-name', (next) => `${hex(next, 8)}.exe`],
];

/**
 * `count` indicators cycling through the types, the same ones for the same seed.
 *
 * @example
 * const index = IndicatorIndex.from(syntheticIndicators(100_000));
 */
export function syntheticIndicators(count: number, seed = 1): Indicator[] {
  const next = random(seed);
  const out: Indicator[] = [];
  for (let i = 0; i < count; i += 1) {
    const [type, make] = MAKERS[i % MAKERS.length]!;
    out.push({
      id: `synthetic-${i}`,
      type,
      value: make(next, i),
      labels: [],
      origin: { format: 'csv', author: 'synthetic' },
    });
  }
  return out;
}
