/**
 * Parsing Linux socket tables (`/proc/net/tcp`, `tcp6`, `udp`, `udp6`) (pure). Addresses are hexadecimal in
 * the kernel's byte order: an IPv4 address is one 32-bit word, an IPv6 address four; ports are plain numbers
 * in hexadecimal. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are given as IPv4.
 */
export type SocketProto = 'tcp' | 'tcp6' | 'udp' | 'udp6';

export interface RawSocket {
  proto: SocketProto;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** `ESTABLISHED`, `LISTEN`, ... for TCP; `ESTABLISHED` (connected) or `UNCONN` for UDP. */
  state: string;
  uid: number;
  inode: number;
}

const TCP_STATES: Record<number, string> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'NEW_SYN_RECV',
};

/** Reverses the bytes of each 32-bit word (8 hex digits) when the kernel wrote them little-endian. */
function wordsInNetworkOrder(hex: string, littleEndian: boolean): string {
  if (!littleEndian) return hex;
  return (hex.match(/.{8}/g) ?? []).map((word) => (word.match(/../g) ?? []).reverse().join('')).join('');
}

function formatIpv6(hex: string): string {
  const words = (hex.match(/.{4}/g) ?? []).map((w) => parseInt(w, 16));
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return [words[6] ?? 0, words[7] ?? 0].flatMap((w) => [w >> 8, w & 0xff]).join('.');
  }
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > (best[1] ?? 0)) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const [start = -1, length = 0] = best;
  const hexOf = (list: number[]) => list.map((w) => w.toString(16)).join(':');
  if (length < 2) return hexOf(words);
  return `${hexOf(words.slice(0, start))}::${hexOf(words.slice(start + length))}`;
}

/** `0100007F` -> `127.0.0.1`; 32 hex digits -> an IPv6 address (or IPv4 when mapped). */
export function decodeAddress(hex: string, littleEndian = true): string | undefined {
  if (!/^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32})$/.test(hex)) return undefined;
  const ordered = wordsInNetworkOrder(hex.toLowerCase(), littleEndian);
  if (ordered.length === 8) return (ordered.match(/../g) ?? []).map((b) => parseInt(b, 16)).join('.');
  return formatIpv6(ordered);
}

function endpoint(text: string | undefined, littleEndian: boolean): { address: string; port: number } | undefined {
  const [hex, port] = (text ?? '').split(':');
  const address = decodeAddress(hex ?? '', littleEndian);
  return address === undefined || !/^[0-9A-Fa-f]{4}$/.test(port ?? '') ? undefined : { address, port: parseInt(port ?? '0', 16) };
}

function stateName(proto: SocketProto, code: number): string {
  if (proto.startsWith('udp')) return code === 1 ? 'ESTABLISHED' : 'UNCONN';
  return TCP_STATES[code] ?? `0x${code.toString(16)}`;
}

/** Every socket in one table; malformed lines are left out. `littleEndian` is the host's (os.endianness()). */
export function parseProcNet(text: string, proto: SocketProto, littleEndian = true): RawSocket[] {
  const out: RawSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const local = endpoint(f[1], littleEndian);
    const remote = endpoint(f[2], littleEndian);
    const code = parseInt(f[3] ?? '', 16);
    const uid = Number(f[7]);
    const inode = Number(f[9]);
    if (!local || !remote || !Number.isFinite(code) || !Number.isInteger(uid) || !Number.isInteger(inode)) continue;
    out.push({ proto, localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port, state: stateName(proto, code), uid, inode });
  }
  return out;
}

/** A listening socket: TCP in LISTEN, or UDP bound without a peer. */
export function isListening(s: Pick<RawSocket, 'state' | 'remotePort'>): boolean {
  return s.state === 'LISTEN' || (s.state === 'UNCONN' && s.remotePort === 0);
}

/** `10.0.0.1:443`, `[fd00::1]:443`. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
