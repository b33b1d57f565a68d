/** Reading `nft -j` output (pure): items by kind, and the parts of a rule's expressions a cut is made of. */
import { parseIp } from '../../estate/index.js';
import { cidrInterval, mergeIntervals, type Interval } from './intervals.js';

export type JsonObject = Record<string, unknown>;

export function obj(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Every item of one kind (`table`, `chain`, `rule`) in a listing. */
export function items(listing: unknown, kind: string): JsonObject[] {
  const list = obj(listing)?.['nftables'];
  if (!Array.isArray(list)) return [];
  return list.map((item) => obj(obj(item)?.[kind])).filter((x): x is JsonObject => x !== undefined);
}

/** One element of a set, or a plain right-hand side: `"10.0.0.1"`, `{prefix:{addr,len}}`, `{range:[a,b]}`. */
function elementInterval(element: unknown): Interval | undefined {
  if (typeof element === 'string') return cidrInterval(element);
  const prefix = obj(obj(element)?.['prefix']);
  if (prefix) return typeof prefix['addr'] === 'string' && typeof prefix['len'] === 'number' ? cidrInterval(`${prefix['addr']}/${prefix['len']}`) : undefined;
  const range = obj(element)?.['range'];
  if (!Array.isArray(range) || typeof range[0] !== 'string' || typeof range[1] !== 'string') return undefined;
  const [lo, hi] = [parseIp(range[0]), parseIp(range[1])];
  return lo && hi && lo.family === hi.family ? { family: lo.family, lo: lo.value, hi: hi.value } : undefined;
}

/** The addresses a right-hand side stands for, merged; undefined when an element is not an address. */
export function rightIntervals(right: unknown): Interval[] | undefined {
  const set = obj(right)?.['set'];
  const elements = Array.isArray(set) ? set : [right];
  const out: Interval[] = [];
  for (const element of elements) {
    const interval = elementInterval(element);
    if (!interval) return undefined;
    out.push(interval);
  }
  return mergeIntervals(out);
}

/** Numbers of a right-hand side (`443` or `{set:[443, 8443]}`), sorted. */
export function rightNumbers(right: unknown): number[] | undefined {
  if (typeof right === 'number') return [right];
  const set = obj(right)?.['set'];
  return Array.isArray(set) && set.every((p) => typeof p === 'number') ? [...set].sort((a, b) => a - b) : undefined;
}

/** Strings of a right-hand side (`"tcp"`, `{set:["tcp","udp"]}` or `["established","related"]`), sorted. */
export function rightStrings(right: unknown): string[] | undefined {
  const list = Array.isArray(right) ? right : (obj(right)?.['set'] ?? [right]);
  return Array.isArray(list) && list.every((s) => typeof s === 'string') ? [...list].sort() : undefined;
}

/** A `match` expression: what it looks at (`ip.saddr`, `th.dport`, `meta.l4proto`, `ct.state`), its operator and right side. */
export interface ListedMatch {
  key: string;
  op: string;
  right: unknown;
}

export function matchesOf(rule: JsonObject): ListedMatch[] {
  const expr = Array.isArray(rule['expr']) ? rule['expr'] : [];
  const out: ListedMatch[] = [];
  for (const item of expr) {
    const m = obj(obj(item)?.['match']);
    if (!m) continue;
    const left = obj(m['left']);
    const payload = obj(left?.['payload']);
    const meta = obj(left?.['meta']);
    const ct = obj(left?.['ct']);
    const key = payload ? `${String(payload['protocol'])}.${String(payload['field'])}` : meta ? `meta.${String(meta['key'])}` : ct ? `ct.${String(ct['key'])}` : 'other';
    out.push({ key, op: typeof m['op'] === 'string' ? m['op'] : '==', right: m['right'] });
  }
  return out;
}

/** The rule's verdict (`accept`, `drop`, ...), or undefined. */
export function verdictOf(rule: JsonObject): string | undefined {
  const expr = Array.isArray(rule['expr']) ? rule['expr'] : [];
  for (const item of expr) {
    const o = obj(item);
    for (const verdict of ['accept', 'drop', 'reject', 'jump', 'goto', 'return', 'continue']) if (o && verdict in o) return verdict;
  }
  return undefined;
}

/** The rule's counter, when it has one. */
export function counterOf(rule: JsonObject): { packets: number; bytes: number } | undefined {
  const expr = Array.isArray(rule['expr']) ? rule['expr'] : [];
  for (const item of expr) {
    const c = obj(obj(item)?.['counter']);
    if (c && typeof c['packets'] === 'number' && typeof c['bytes'] === 'number') return { packets: c['packets'], bytes: c['bytes'] };
  }
  return undefined;
}

export function commentOf(rule: JsonObject): string {
  return typeof rule['comment'] === 'string' ? rule['comment'] : '';
}
