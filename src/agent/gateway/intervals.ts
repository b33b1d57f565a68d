/**
 * Address sets as merged intervals (pure). nftables merges the elements of an interval set when it loads them
 * (10.1.0.0/24 and 10.1.1.0/24 are listed as 10.1.0.0/23; a network inside another disappears), so the
 * loaded table is compared with the intent as sets of addresses, never element by element.
 */
import { parseCidr, parseIp } from '../../estate/index.js';

export interface Interval {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
}

const BITS = { 4: 32n, 6: 128n } as const;

/** `10.0.0.0/8`, `fd00::/64` or a single address, as an interval; undefined when it is neither. */
export function cidrInterval(text: string): Interval | undefined {
  const single = parseIp(text);
  if (single) return { family: single.family, lo: single.value, hi: single.value };
  const cidr = parseCidr(text);
  if ('error' in cidr) return undefined;
  const hostBits = BITS[cidr.family] - BigInt(cidr.prefix);
  return { family: cidr.family, lo: cidr.value, hi: cidr.value + (1n << hostBits) - 1n };
}

/** Sorted by family then start; overlapping and adjacent intervals merged. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.family - b.family || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out.at(-1);
    if (last && last.family === next.family && next.lo <= last.hi + 1n) {
      if (next.hi > last.hi) last.hi = next.hi;
    } else {
      out.push({ ...next });
    }
  }
  return out;
}

/** The merged intervals of a list of CIDRs (texts that do not parse are left out: schemas check them first). */
export function intervalsOf(cidrs: readonly string[]): Interval[] {
  return mergeIntervals(cidrs.map(cidrInterval).filter((i): i is Interval => i !== undefined));
}

export function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x.family === b[i]?.family && x.lo === b[i]?.lo && x.hi === b[i]?.hi);
}

/** True when some address lies in both. */
export function intervalsOverlap(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.some((x) => b.some((y) => x.family === y.family && x.lo <= y.hi && y.lo <= x.hi));
}

/** True when the address lies in one of the intervals (merged, as `intervalsOf` returns them: binary search). */
export function intervalsContain(list: readonly Interval[], address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const i = list[mid] as Interval;
    if (i.family < ip.family || (i.family === ip.family && i.hi < ip.value)) lo = mid + 1;
    else if (i.family > ip.family || i.lo > ip.value) hi = mid - 1;
    else return true;
  }
  return false;
}
