/**
 * Indicators indexed by kind so that a value from an event is checked with a few hash-map probes, never a loop
 * over the indicators: a set per hash type, exact IPv4/IPv6 sets plus a prefix table per family for networks,
 * a reversed-label trie for domains (parents match), and sets of normalised URLs, registry keys and file names.
 * Lookups take `now` and leave out indicators past their valid_until.
 */
import { addEntry, collectLive, entryOf, type Entry } from './entries.js';
import { DomainTrie } from './domain-trie.js';
import {
  HASH_TYPES,
  INDICATOR_TYPES,
  isHashType,
  type HashType,
  type Indicator,
  type IndicatorType,
} from './indicator.js';
import { checkIndicatorValue } from './indicator-value.js';
import { isHost, parseEventAddress, parseNetwork, type IpNetwork } from './ip.js';
import { normaliseFileName, normaliseHex, normaliseHostName, normaliseRegistryKey, normaliseUrl } from './normalise.js';
import { PrefixTable } from './prefix-table.js';

/** What a lookup asks for: an indicator type, or `ip` for an address of either family. */
export type LookupKind = IndicatorType | 'ip';

const NONE: readonly Indicator[] = Object.freeze([]);

function ipKey(net: IpNetwork): number | string {
  return net.family === 4 ? net.words[0]! : net.words.join(',');
}

/** Counts of what an index holds, per kind. */
export type IndexStats = Record<IndicatorType, number> & { total: number };

/**
 * Indicators by kind, for lookups that cost a few map probes each.
 *
 * @example
 * const index = IndicatorIndex.from(indicators);
 * index.lookup('domain', 'cdn.evil.example', Date.now()); // the indicators for evil.example, if any
 */
export class IndicatorIndex {
  private readonly hashes = new Map<HashType, Map<string, Entry[]>>(HASH_TYPES.map((t) => [t, new Map()]));
  private readonly exactIps = new Map<number | string, Entry[]>();
  private readonly networks = { 4: new PrefixTable(), 6: new PrefixTable() };
  private readonly domains = new DomainTrie();
  private readonly sets = {
    url: new Map<string, Entry[]>(),
    'registry-key': new Map<string, Entry[]>(),
    'file-name': new Map<string, Entry[]>(),
  };
  private readonly counts = new Map<IndicatorType, number>();

  /**
   * An index of the given indicators (see `add` for the ones left out).
   *
   * @example
   * const index = IndicatorIndex.from(parseStixBundle(text, { file }).indicators);
   */
  static from(indicators: Iterable<Indicator>): IndicatorIndex {
    const index = new IndicatorIndex();
    for (const indicator of indicators) index.add(indicator);
    return index;
  }

  /**
   * Adds one indicator; its value is normalised again here, so hand-made indicators index like parsed ones
   * (lookups then return a copy with the normalised type and value). Returns false (and adds nothing) when
   * the value does not fit its type.
   *
   * @example
   * index.add({ id: 'x', type: 'domain', value: 'evil.com', labels: [], origin: { format: 'csv' } }); // true
   */
  add(indicator: Indicator): boolean {
    const checked = checkIndicatorValue(indicator.type, indicator.value);
    if (!checked.ok) return false;
    const { type, value } = checked;
    const entry = entryOf(
      type === indicator.type && value === indicator.value ? indicator : { ...indicator, type, value },
    );
    if (isHashType(type)) addEntry(this.hashes.get(type)!, value, entry);
    else if (type === 'ipv4' || type === 'ipv6') this.addNetwork(parseNetwork(value)!, entry);
    else if (type === 'domain') this.domains.add(value, entry);
    else addEntry(this.sets[type], value, entry);
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    return true;
  }

  private addNetwork(net: IpNetwork, entry: Entry): void {
    if (isHost(net)) addEntry(this.exactIps, ipKey(net), entry);
    else this.networks[net.family].add(net, entry);
  }

  /**
   * The live indicators that a value matches, for one kind of value. The value is normalised the way event
   * values are (hex lower-cased, an address parsed with its port dropped, a host name without its port...).
   *
   * @example
   * index.lookup('ip', '10.1.2.3', Date.now());          // indicators for 10.1.2.3 and for 10.0.0.0/8
   * index.lookup('domain', 'a.b.evil.com', Date.now()); // indicators for evil.com and its subdomains on the way
   */
  lookup(kind: LookupKind, value: string, now: number): readonly Indicator[] {
    const out: Indicator[] = [];
    this.collect(kind, value, now, out);
    return out.length === 0 ? NONE : out;
  }

  /**
   * Like lookup, pushing onto `out` (no allocation when nothing matches).
   *
   * @example
   * const out: Indicator[] = [];
   * index.collect('sha256', hashFromEvent, now, out);
   */
  collect(kind: LookupKind, value: string, now: number, out: Indicator[]): void {
    if (isHashType(kind)) {
      const hex = normaliseHex(value);
      if (hex !== undefined) collectLive(this.hashes.get(kind)!.get(hex), now, out);
      return;
    }
    switch (kind) {
      case 'ip':
      case 'ipv4':
      case 'ipv6':
        this.collectIp(value, now, out);
        return;
      case 'domain':
        this.domains.lookup(normaliseHostName(value), now, out);
        return;
      case 'url':
        this.collectSet('url', normaliseUrl(value), now, out);
        return;
      case 'registry-key':
        this.collectSet('registry-key', normaliseRegistryKey(value), now, out);
        return;
      case 'file-name':
        this.collectSet('file-name', normaliseFileName(value), now, out);
        return;
    }
  }

  /**
   * Like collect, for a value already normalised the way the index stores it (lower-case hex, host name,
   * normalised URL, registry key or file name; addresses as text). The matcher uses it to normalise once.
   *
   * @example
   * index.collectKey('url', 'http://evil.example/a', now, out);
   */
  collectKey(kind: LookupKind, key: string, now: number, out: Indicator[]): void {
    if (isHashType(kind)) collectLive(this.hashes.get(kind)!.get(key), now, out);
    else if (kind === 'ip' || kind === 'ipv4' || kind === 'ipv6') this.collectIp(key, now, out);
    else if (kind === 'domain') this.domains.lookup(key, now, out);
    else this.collectSet(kind, key, now, out);
  }

  private collectSet(kind: keyof IndicatorIndex['sets'], key: string | undefined, now: number, out: Indicator[]): void {
    if (key !== undefined) collectLive(this.sets[kind].get(key), now, out);
  }

  private collectIp(value: string, now: number, out: Indicator[]): void {
    const address = parseEventAddress(value);
    if (!address) return;
    collectLive(this.exactIps.get(ipKey(address)), now, out);
    this.networks[address.family].lookup(address.words, now, out);
  }

  /**
   * How many indicators of each type the index holds.
   *
   * @example
   * index.stats(); // { md5: 0, sha256: 12, ipv4: 3, ..., total: 15 }
   */
  stats(): IndexStats {
    const counts = Object.fromEntries(INDICATOR_TYPES.map((type) => [type, this.counts.get(type) ?? 0]));
    return { ...(counts as Record<IndicatorType, number>), total: this.size };
  }

  /** The number of indicators held. */
  get size(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }
}
