/**
 * IPv4 and IPv6 addresses and CIDR blocks as big integers, for validation and containment checks.
 */

/** An address: its family and its value as an unsigned integer. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A network block. */
export interface Cidr extends IpAddress {
  prefix: number;
}

/** Why a CIDR was rejected, with a fix. */
export interface CidrError {
  error: string;
  hint: string;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Parses a dotted-quad IPv4 address (no leading zeros), or undefined. */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

/** Parses an IPv6 address, with `::` compression and an optional trailing IPv4 part, or undefined. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = parseWords(halves[0] ?? '', !compressed);
  const tail = compressed ? parseWords(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return words.reduce((acc, word) => (acc << 16n) | BigInt(word), 0n);
}

function parseWords(text: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (const [i, group] of groups.entries()) {
    if (mayEndWithIpv4 && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === undefined) return undefined;
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return undefined;
    }
  }
  return words;
}

/** Parses an IPv4 or IPv6 address, or undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/**
 * Parses a CIDR block such as `10.20.0.0/16` or `2001:db8::/32`. A block with host bits set
 * (`10.0.0.1/8`) is rejected with the block that was probably meant.
 */
export function parseCidr(text: string): Cidr | CidrError {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  const address = match?.[1] === undefined ? undefined : parseIp(match[1]);
  if (match?.[2] === undefined || address === undefined) {
    return {
      error: `'${text}' is not a CIDR`,
      hint: 'write a network as a.b.c.d/n (IPv4) or x:x::/n (IPv6), e.g. 10.20.0.0/16',
    };
  }
  const prefix = Number(match[2]);
  const bits = BITS[address.family];
  if (prefix > bits) {
    return { error: `'${text}' has a prefix longer than ${bits} bits`, hint: `use a prefix from /0 to /${bits}` };
  }
  const network = address.value & networkMask(address.family, prefix);
  if (network !== address.value) {
    const meant = `${formatIp({ family: address.family, value: network })}/${prefix}`;
    return { error: `'${text}' has host bits set`, hint: `write the network address, e.g. ${meant}` };
  }
  return { ...address, prefix };
}

/** True when `ip` lies inside `cidr` (same family and same network bits). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && (ip.value & networkMask(ip.family, cidr.prefix)) === cidr.value;
}

function networkMask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Formats an address canonically: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  const words = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  const [start, length] = longestZeroRun(words);
  const hex = (list: number[]): string => list.map((word) => word.toString(16)).join(':');
  if (length < 2) return hex(words);
  return `${hex(words.slice(0, start))}::${hex(words.slice(start + length))}`;
}

function longestZeroRun(words: number[]): [number, number] {
  let best: [number, number] = [0, 0];
  let runStart = -1;
  for (let i = 0; i <= words.length; i += 1) {
    if (i < words.length && words[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > best[1]) best = [runStart, i - runStart];
      runStart = -1;
    }
  }
  return best;
}
