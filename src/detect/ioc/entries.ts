/**
 * What the index keeps per indicator: the indicator and the moment it stops matching (epoch ms; Infinity when
 * it has no valid_until), so that expiry costs one comparison per candidate hit.
 */
import { timeOf, type Indicator } from './indicator.js';

export interface Entry {
  readonly indicator: Indicator;
  readonly until: number;
}

/**
 * The index entry of an indicator.
 *
 * @example
 * entryOf(indicator).until; // Date.parse(indicator.validUntil) or Infinity
 */
export function entryOf(indicator: Indicator): Entry {
  const until = indicator.validUntil === undefined ? undefined : timeOf(indicator.validUntil);
  return { indicator, until: until ?? Number.POSITIVE_INFINITY };
}

/** Appends an entry to the bucket of a key. */
export function addEntry<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(entry);
  else map.set(key, [entry]);
}

/** Pushes the indicators of a bucket that are still valid at `now` (valid_until is exclusive). */
export function collectLive(bucket: readonly Entry[] | undefined, now: number, out: Indicator[]): void {
  if (bucket === undefined) return;
  for (const entry of bucket) if (now < entry.until) out.push(entry.indicator);
}
