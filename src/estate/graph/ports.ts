/**
 * Port sets carried along segment links. A link allows `any` port or a list of specs (`445`, `tcp/445`,
 * `udp/53`, `tcp/8000-8080`); a bare number means that port on any protocol. Reachability keeps the union
 * of the port sets by which a segment can be entered.
 */
import type { Link } from '../schema.js';

/** `any`, or the sorted, de-duplicated port specs by which something is reachable. */
export type PortSet = 'any' | readonly string[];

interface ParsedSpec {
  spec: string;
  proto: '' | 'tcp' | 'udp';
  low: number;
  high: number;
}

function parseSpec(spec: number | string): ParsedSpec {
  if (typeof spec === 'number' || /^\d+$/.test(spec)) {
    const port = Number(spec);
    return { spec: String(port), proto: '', low: port, high: port };
  }
  const [proto, range = ''] = spec.split('/');
  const [low = '0', high = low] = range.split('-');
  const p = proto === 'udp' ? 'udp' : 'tcp';
  return { spec, proto: p, low: Number(low), high: Number(high) };
}

/** True when `a` is covered by `b` (a bare port covers both protocols). */
function covers(b: ParsedSpec, a: ParsedSpec): boolean {
  if (b.proto === a.proto && b.low === a.low && b.high === a.high) return b.spec < a.spec; // `tcp/445-445`
  return (b.proto === '' || b.proto === a.proto) && b.low <= a.low && a.high <= b.high;
}

function compareSpecs(a: ParsedSpec, b: ParsedSpec): number {
  return a.low - b.low || a.high - b.high || a.proto.localeCompare(b.proto);
}

/**
 * Normalises a link's ports: `any` stays `any`; a list is de-duplicated, specs covered by a wider one are
 * dropped, and the rest sorted by port.
 *
 * @example
 * normalisePorts([3389, 'tcp/445', 445]); // ['445', '3389']
 */
export function normalisePorts(ports: Link['ports']): PortSet {
  if (ports === 'any') return 'any';
  const unique = new Map<string, ParsedSpec>();
  for (const raw of ports) {
    const parsed = parseSpec(raw);
    unique.set(parsed.spec, parsed);
  }
  const all = [...unique.values()];
  const kept = all.filter((a) => !all.some((b) => covers(b, a)));
  return kept.sort(compareSpecs).map((p) => p.spec);
}

/**
 * The union of several port sets: `any` if one of them is `any`.
 *
 * @example
 * unionPorts([['445'], ['3389', 'tcp/445']]); // ['445', '3389']
 */
export function unionPorts(sets: Iterable<PortSet>): PortSet {
  const specs: string[] = [];
  for (const set of sets) {
    if (set === 'any') return 'any';
    specs.push(...set);
  }
  return normalisePorts(specs);
}

/** A stable key for interning a port set. */
export function portSetKey(set: PortSet): string {
  return set === 'any' ? 'any' : set.join(',');
}
