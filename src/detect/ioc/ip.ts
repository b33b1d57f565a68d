/**
 * IP addresses and networks for indicators: parsed with the Sigma engine's CIDR parser (addresses as 32-bit
 * words), IPv4-mapped IPv6 (`::ffff:a.b.c.d`) folded to IPv4, networks masked to their prefix, and printed in
 * one canonical form (dotted IPv4, RFC 5952 IPv6) so that equal networks have equal text.
 */
import { parseAddress, parseCidr } from '../compile/cidr.js';

export interface IpNetwork {
  family: 4 | 6;
  /** 1 word for IPv4, 4 for IPv6, masked to the prefix. */
  words: readonly number[];
  prefix: number;
}

function isMapped(words: readonly number[]): boolean {
  return words.length === 4 && words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

/** The words with every bit after `prefix` cleared. */
export function maskWords(words: readonly number[], prefix: number): number[] {
  const out: number[] = [];
  let bits = prefix;
  for (const word of words) {
    const take = Math.max(0, Math.min(32, bits));
    const mask = take === 0 ? 0 : take === 32 ? 0xffffffff : ~(0xffffffff >>> take) >>> 0;
    out.push((word & mask) >>> 0);
    bits -= 32;
  }
  return out;
}

function network(words: readonly number[], prefix: number): IpNetwork {
  if (isMapped(words) && prefix >= 96)
    return { family: 4, words: maskWords([words[3]!], prefix - 96), prefix: prefix - 96 };
  return { family: words.length === 1 ? 4 : 6, words: maskWords(words, prefix), prefix };
}

/**
 * Parses an address or a CIDR network; host bits are cleared and mapped IPv6 becomes IPv4.
 *
 * @example
 * parseNetwork('10.1.2.3/8'); // { family: 4, words: [167772160], prefix: 8 }
 */
export function parseNetwork(text: string): IpNetwork | undefined {
  const parsed = parseCidr(text.trim().replace(/^\[([^\]]*)\]/, '$1'));
  return parsed ? network(parsed.words, parsed.prefix) : undefined;
}

/**
 * An address as found in an event: brackets, a port (`1.2.3.4:443`, `[::1]:443`) and a zone (`%eth0`) are
 * dropped; mapped IPv6 becomes IPv4. Undefined when the text is not an address.
 *
 * @example
 * parseEventAddress('::ffff:10.0.0.1'); // { family: 4, words: [167772161], prefix: 32 }
 */
export function parseEventAddress(text: string): IpNetwork | undefined {
  let body = text.trim();
  if (body.length < 2 || body.length > 64) return undefined;
  const bracket = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(body);
  if (bracket) body = bracket[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(body)) body = body.slice(0, body.indexOf(':'));
  if (body.includes('/')) return undefined;
  const words = parseAddress(body);
  return words ? network(words, words.length * 32) : undefined;
}

function formatV6(words: readonly number[]): string {
  const groups = words.flatMap((w) => [w >>> 16, w & 0xffff]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

/**
 * The canonical text: `a.b.c.d` or RFC 5952 IPv6, with `/n` unless it is a single address.
 *
 * @example
 * formatNetwork(parseNetwork('2001:DB8:0:0::1')!); // '2001:db8::1'
 */
export function formatNetwork(net: IpNetwork): string {
  const address =
    net.family === 4 ? [24, 16, 8, 0].map((shift) => (net.words[0]! >>> shift) & 0xff).join('.') : formatV6(net.words);
  return net.prefix === net.words.length * 32 ? address : `${address}/${net.prefix}`;
}

/** True when the network is a single address (/32 or /128). */
export function isHost(net: IpNetwork): boolean {
  return net.prefix === net.words.length * 32;
}
