/**
 * Which STIX comparisons an index can hold, and as what: file hashes (MD5, SHA-1, SHA-256, SHA-512), IPv4 and
 * IPv6 addresses and networks (`=` or `ISSUBSET`), domain names, URLs, registry keys, and file or process
 * names. Anything else (other objects and properties, LIKE, MATCHES, NOT, order comparisons, non-string
 * values) gets a reason.
 */
import type { HashType, IndicatorType } from './indicator.js';
import type { Comparison } from './stix-pattern.js';

export type TermValues =
  { ok: true; type: IndicatorType | 'ip-or-domain'; values: string[] } | { ok: false; reason: string };

const HASH_NAMES: Readonly<Record<string, HashType>> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

const PATHS: Readonly<Record<string, IndicatorType | 'ip-or-domain'>> = {
  'ipv4-addr:value': 'ipv4',
  'ipv6-addr:value': 'ipv6',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'windows-registry-key:key': 'registry-key',
  'file:name': 'file-name',
  'process:name': 'file-name',
  'process:image_ref.name': 'file-name',
  'process:binary_ref.name': 'file-name',
  'network-traffic:dst_ref.value': 'ip-or-domain',
  'network-traffic:src_ref.value': 'ip-or-domain',
};

const HASH_OWNERS = new Set([
  'file:hashes',
  'process:image_ref.hashes',
  'process:binary_ref.hashes',
  'artifact:hashes',
]);

type PathType = { type: IndicatorType | 'ip-or-domain' } | { reason: string };

function typeOfPath(cmp: Comparison): PathType {
  const owner = `${cmp.object}:${cmp.path.slice(0, -1).join('.')}`;
  const last = cmp.path[cmp.path.length - 1] ?? '';
  if (HASH_OWNERS.has(owner)) {
    const hash = HASH_NAMES[last.toUpperCase().replace(/[-_]/g, '')];
    return hash
      ? { type: hash }
      : { reason: `the hash algorithm '${last}' is not supported (MD5, SHA-1, SHA-256 and SHA-512 are)` };
  }
  const key = `${cmp.object}:${cmp.path.join('.')}`;
  const type = PATHS[key];
  return type ? { type } : { reason: `the object path ${key} is not supported` };
}

function operatorProblem(cmp: Comparison, type: string): string | undefined {
  if (cmp.negated) return 'NOT is not supported';
  if (cmp.operator === '=' || cmp.operator === 'IN') return undefined;
  if (cmp.operator === 'ISSUBSET' && (type === 'ipv4' || type === 'ipv6')) return undefined;
  if (cmp.operator === 'LIKE' || cmp.operator === 'MATCHES')
    return `${cmp.operator} needs a pattern match on every value; not supported`;
  return `the operator ${cmp.operator} is not supported (=, IN, and ISSUBSET for networks are)`;
}

/**
 * The indicator type and raw values a comparison stands for, or why it cannot be indexed.
 *
 * @example
 * termValues(parsePattern("[file:hashes.'SHA-256' = 'AB...']").comparisons[0]!); // { ok: true, type: 'sha256', values: ['AB...'] }
 */
export function termValues(cmp: Comparison): TermValues {
  const path = typeOfPath(cmp);
  if ('reason' in path) return { ok: false, reason: path.reason };
  const { type } = path;
  const problem = operatorProblem(cmp, type);
  if (problem !== undefined) return { ok: false, reason: problem };
  const nonString = cmp.values.find((v) => v.kind !== 'string');
  if (nonString) return { ok: false, reason: `the value is a ${nonString.kind}, not a string` };
  return { ok: true, type, values: cmp.values.map((v) => v.text) };
}
