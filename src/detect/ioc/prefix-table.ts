/**
 * CIDR networks of one address family, kept as one hash map per prefix length (masked network -> entries).
 * A lookup masks the address once per prefix length present (at most 33 for IPv4, 129 for IPv6, usually a
 * handful) and probes one map each: the cost does not grow with the number of networks.
 */
import { addEntry, collectLive, type Entry } from './entries.js';
import type { Indicator } from './indicator.js';
import { maskWords, type IpNetwork } from './ip.js';

type Key = number | string;

function keyOf(words: readonly number[]): Key {
  return words.length === 1 ? words[0]! : words.join(',');
}

/** The netmask of an IPv4 prefix length (JavaScript shifts count modulo 32, hence both ends apart). */
function v4Mask(length: number): number {
  if (length <= 0) return 0;
  return length >= 32 ? 0xffffffff : ~(0xffffffff >>> length) >>> 0;
}

export class PrefixTable {
  private readonly byLength = new Map<number, Map<Key, Entry[]>>();
  /** The prefix lengths present, longest first. */
  private lengths: number[] = [];

  /** Adds a network (any prefix length, including a single address). */
  add(net: IpNetwork, entry: Entry): void {
    let table = this.byLength.get(net.prefix);
    if (!table) {
      table = new Map();
      this.byLength.set(net.prefix, table);
      this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    }
    addEntry(table, keyOf(net.words), entry);
  }

  /**
   * Pushes the live indicators of every network that holds the address, most specific first.
   *
   * @example
   * table.lookup([0x0a010203], Date.now(), out); // indicators of 10.1.2.3/32, 10.1.0.0/16, 10.0.0.0/8...
   */
  lookup(words: readonly number[], now: number, out: Indicator[]): void {
    for (const length of this.lengths) {
      const key = words.length === 1 ? (words[0]! & v4Mask(length)) >>> 0 : keyOf(maskWords(words, length));
      collectLive(this.byLength.get(length)!.get(key), now, out);
    }
  }

  get size(): number {
    let count = 0;
    for (const table of this.byLength.values()) count += table.size;
    return count;
  }
}
