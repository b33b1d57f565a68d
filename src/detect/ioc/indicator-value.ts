/**
 * Checks and normalises an indicator's value for its type, and guesses the type of a bare value (for CSV lists
 * without a type column). A value that does not fit its type gets a reason and a hint, never a guess.
 */
import { MAX_VALUE_LENGTH, isHashType, type HashType, type IndicatorType } from './indicator.js';
import { formatNetwork, parseNetwork } from './ip.js';
import {
  normaliseDomain,
  normaliseFileName,
  normaliseHex,
  normaliseRegistryKey,
  normaliseUrl,
  refang,
} from './normalise.js';

export type ValueCheck =
  { ok: true; type: IndicatorType; value: string } | { ok: false; reason: string; hint?: string | undefined };

export const HASH_LENGTHS: Readonly<Record<HashType, number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
  imphash: 32,
};

function bad(reason: string, hint?: string): ValueCheck {
  return { ok: false, reason, hint };
}

function checkHash(type: HashType, raw: string): ValueCheck {
  const hex = normaliseHex(raw);
  const length = HASH_LENGTHS[type];
  if (hex?.length === length) return { ok: true, type, value: hex };
  return bad(`'${raw}' is not a valid ${type} (expected ${length} hex digits)`);
}

function checkIp(type: 'ipv4' | 'ipv6', raw: string): ValueCheck {
  const net = parseNetwork(refang(raw));
  if (!net) {
    const hint = type === 'ipv4' ? 'expected a.b.c.d or a.b.c.d/n' : 'expected an IPv6 address, optionally /n';
    return bad(`'${raw}' is not an IP address or CIDR network`, hint);
  }
  return { ok: true, type: net.family === 4 ? 'ipv4' : 'ipv6', value: formatNetwork(net) };
}

function checkWith(
  type: IndicatorType,
  raw: string,
  normalise: (t: string) => string | undefined,
  hint: string,
): ValueCheck {
  const value = normalise(raw);
  return value === undefined ? bad(`'${raw}' is not a valid ${type}`, hint) : { ok: true, type, value };
}

/**
 * The normalised value of an indicator of the given type, or why it is not one.
 *
 * @example
 * checkIndicatorValue('ipv4', '10.1.2.3/8'); // { ok: true, type: 'ipv4', value: '10.0.0.0/8' }
 * checkIndicatorValue('sha256', 'zz');      // { ok: false, reason: "'zz' is not a sha256 (expected 64 hex digits)" }
 */
export function checkIndicatorValue(type: IndicatorType, raw: string): ValueCheck {
  if (raw.length > MAX_VALUE_LENGTH) return bad(`value is longer than ${MAX_VALUE_LENGTH} characters`);
  if (raw.trim() === '') return bad('the value is empty');
  if (isHashType(type)) return checkHash(type, raw);
  switch (type) {
    case 'ipv4':
    case 'ipv6':
      return checkIp(type, raw);
    case 'domain':
      return checkWith(type, refang(raw), normaliseDomain, 'expected a name such as evil.example.com');
    case 'url':
      return checkWith(type, refang(raw), normaliseUrl, 'expected a URL such as http://evil.example.com/path');
    case 'registry-key':
      return checkWith(type, raw, normaliseRegistryKey, 'expected a key under a hive, such as HKLM\\Software\\...');
    case 'file-name':
      return checkWith(type, raw, normaliseFileName, 'expected a file name such as evil.exe');
  }
}

const HEX_TYPES: Readonly<Record<number, HashType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

/** Extensions that make `name.ext` a file name rather than a domain when the type is guessed. */
const FILE_EXTENSIONS = new Set(
  'exe dll sys scr bat cmd ps1 psm1 vbs vbe js jse wsf wsh hta lnk msi msp iso img vhd vhdx doc docm docx xls xlsm xlsb xlsx ppt pptm rtf pdf jar zip rar 7z cab tmp dat bin'.split(
    ' ',
  ),
);

/**
 * The type a bare value most likely has: hex length (32 md5, 40 sha1, 64 sha256, 128 sha512), IPv4/IPv6 with
 * or without /n, URL (with a scheme, or a host followed by a path), registry key (starts with a hive), file
 * name (ends with a known executable or document extension), domain. Undefined when it is none of these.
 *
 * @example
 * inferIndicatorType('10.0.0.0/8');        // 'ipv4'
 * inferIndicatorType('hxxp://evil[.]com'); // 'url'
 */
export function inferIndicatorType(raw: string): IndicatorType | undefined {
  const text = refang(raw);
  const hex = normaliseHex(text);
  if (hex !== undefined && HEX_TYPES[hex.length]) return HEX_TYPES[hex.length];
  const net = parseNetwork(text);
  if (net) return net.family === 4 ? 'ipv4' : 'ipv6';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'url';
  if (normaliseRegistryKey(text) !== undefined) return 'registry-key';
  if (/^[^/\s]+\.[a-z]{2,}\/\S*$/i.test(text) && normaliseDomain(text.slice(0, text.indexOf('/')))) return 'url';
  const extension = /\.([a-z0-9]{1,5})$/i.exec(text)?.[1]?.toLowerCase();
  if (extension !== undefined && FILE_EXTENSIONS.has(extension) && !/[\s]/.test(text)) return 'file-name';
  if (normaliseDomain(text) !== undefined) return 'domain';
  return undefined;
}
