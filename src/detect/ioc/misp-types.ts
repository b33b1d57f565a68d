/**
 * MISP attribute types that an index can hold, as data: each type lists what its parts are (composite types
 * such as `filename|sha256` have two parts separated by `|`). A part is an indicator type, `ip` (either
 * family, networks allowed), or context kept on the indicator (`filename`, `port`, `data`).
 */
import type { IndicatorType } from './indicator.js';

export type MispPart =
  Exclude<IndicatorType, 'ipv4' | 'ipv6'> | 'ip' | 'context:filename' | 'context:port' | 'context:data';

const FILE_HASHES = ['md5', 'sha1', 'sha256', 'sha512', 'imphash'] as const;

export const MISP_TYPES: Readonly<Record<string, readonly MispPart[]>> = {
  ...Object.fromEntries(FILE_HASHES.map((hash) => [hash, [hash]])),
  ...Object.fromEntries(FILE_HASHES.map((hash) => [`filename|${hash}`, ['context:filename', hash]])),
  filename: ['file-name'],
  'ip-src': ['ip'],
  'ip-dst': ['ip'],
  'ip-src|port': ['ip', 'context:port'],
  'ip-dst|port': ['ip', 'context:port'],
  domain: ['domain'],
  hostname: ['domain'],
  'hostname|port': ['domain', 'context:port'],
  'domain|ip': ['domain', 'ip'],
  url: ['url'],
  regkey: ['registry-key'],
  'regkey|value': ['registry-key', 'context:data'],
};

/**
 * The values of a (possibly composite) attribute, one per part; undefined when the count does not fit. The
 * last part takes the rest of the text, so registry data may hold `|`.
 *
 * @example
 * splitComposite('filename|sha256', 'a.exe|e3b0...'); // ['a.exe', 'e3b0...']
 */
export function splitComposite(parts: readonly MispPart[], value: string): string[] | undefined {
  if (parts.length === 1) return [value];
  const cut = value.indexOf('|');
  if (cut < 0) return undefined;
  return [value.slice(0, cut), value.slice(cut + 1)];
}
