/** Shared pieces of the synthetic estate generator: options, the seeded PRNG, sites and segment kinds. */

export interface SyntheticOptions {
  hosts: number;
  /** A multiple of 10 (ten segments per site). */
  segments: number;
  services: number;
  regions: number;
  entitiesPerRegion: number;
  dataStores: number;
  seed: number;
}

/** The ten segments of every site. */
export const KINDS = ['core', 'dc', 'mgmt', 'dmz', 'office1', 'office2', 'office3', 'office4', 'office5', 'ot'] as const;
export type SegmentKind = (typeof KINDS)[number];

/** A site: ten segments of one entity; the first site of each region is its hub, the very first the global hub. */
export interface Site {
  id: string;
  entity: string;
  region: number;
  country: string;
  hub: boolean;
  /** Not linked to the WAN (a factory or an acquisition not yet integrated). */
  standalone: boolean;
}

/**
 * Mulberry32: a small, fast, seeded PRNG returning floats in [0, 1).
 *
 * @example
 * const random = prng(42); random(); // always the same first value
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export function pick(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
