/**
 * CIDR networks (IPv4 and IPv6) for the `cidr` modifier. An address is kept as 32-bit words (one for IPv4,
 * four for IPv6); IPv4-mapped IPv6 addresses (`::ffff:10.1.2.3`) match IPv4 networks.
 */

/** An address as 32-bit words: 1 word for IPv4, 4 for IPv6. */
export type Address = readonly number[];

export interface Network {
  words: Address;
  prefix: number;
}

/** Parses a dotted IPv4 address into one 32-bit word. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    out.push(parseInt(group, 16));
  }
  return out;
}

/** Parses an IPv6 address (with `::` and an optional dotted IPv4 tail) into four 32-bit words. */
export function parseIPv6(text: string): number[] | undefined {
  let body = text.replace(/%.*$/, '');
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    const v4 = parseIPv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((groups[i]! << 16) | groups[i + 1]!) >>> 0);
  return words;
}

/** Parses an IPv4 or IPv6 address. */
export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return parseIPv6(trimmed.replace(/^\[|\]$/g, ''));
  const v4 = parseIPv4(trimmed);
  return v4 === undefined ? undefined : [v4];
}

/**
 * Parses `a.b.c.d/n` or `x:y::/n` (a bare address is a /32 or /128).
 *
 * @example
 * parseCidr('10.0.0.0/8'); // { words: [167772160], prefix: 8 }
 */
export function parseCidr(text: string): Network | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const words = parseAddress(address);
  if (!words) return undefined;
  const max = words.length * 32;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { words, prefix };
}

function mappedV4(words: Address): Address | undefined {
  return words.length === 4 && words[0] === 0 && words[1] === 0 && words[2] === 0xffff ? [words[3]!] : undefined;
}

/**
 * True when the address lies in the network.
 *
 * @example
 * inNetwork(parseAddress('10.1.2.3')!, parseCidr('10.0.0.0/8')!); // true
 */
export function inNetwork(address: Address, network: Network): boolean {
  const words = address.length === network.words.length ? address : mappedV4(address);
  if (!words || words.length !== network.words.length) return false;
  let bits = network.prefix;
  for (let i = 0; i < words.length && bits > 0; i += 1) {
    const take = Math.min(32, bits);
    const mask = take === 32 ? 0xffffffff : ~(0xffffffff >>> take) >>> 0;
    if (((words[i]! & mask) >>> 0) !== ((network.words[i]! & mask) >>> 0)) return false;
    bits -= take;
  }
  return true;
}
