/**
 * Indicators of compromise as plain data: one value of one type (a hash, an address or network, a domain, a URL,
 * a registry key, a file name), with what the feed said about it (name, labels, confidence, validity) and where
 * it came from (format, file, bundle or event, author). Every parser produces these; the index matches them.
 */
import type { Issue } from '../../shared/errors.js';

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'sha512', 'imphash'] as const;
export type HashType = (typeof HASH_TYPES)[number];

export const INDICATOR_TYPES = [...HASH_TYPES, 'ipv4', 'ipv6', 'domain', 'url', 'registry-key', 'file-name'] as const;
/** What an indicator's value is; `ipv4`/`ipv6` values may be networks in CIDR form (`10.0.0.0/8`). */
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export type IndicatorFormat = 'stix' | 'misp' | 'csv';

/** Where an indicator came from. */
export interface IndicatorOrigin {
  format: IndicatorFormat;
  /** The file it was read from, when read from a file. */
  file?: string | undefined;
  /** The STIX bundle id or the MISP event uuid. */
  collection?: string | undefined;
  /** The MISP event's `info`. */
  collectionName?: string | undefined;
  /** Who made it: the STIX identity's name, the MISP creator organisation (Orgc), the CSV `source` column. */
  author?: string | undefined;
  /** The STIX `created_by_ref` when the bundle does not hold that identity. */
  authorRef?: string | undefined;
  /** The named indicator set it belongs to, when a caller (the server) keeps sets; parsers leave it out. */
  set?: string | undefined;
}

export interface Indicator {
  /** The STIX indicator id, the MISP attribute uuid, or `file:line` for CSV. Shared by the parts of one OR. */
  id: string;
  type: IndicatorType;
  /** The normalised value: lower-case hex, canonical address or network, lower-case domain, normalised URL... */
  value: string;
  /** The STIX pattern, the MISP `type: value`, or the CSV value as written. */
  pattern?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  /** STIX indicator_types and labels, MISP tags, CSV tags. */
  labels: readonly string[];
  /** 0-100, as STIX defines it. */
  confidence?: number | undefined;
  /** ISO timestamps as given; past `validUntil` the indicator no longer matches. */
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  /** Extra detail from composite values: the file name of `filename|sha256`, the port of `ip-dst|port`. */
  context?: string | undefined;
  origin: IndicatorOrigin;
}

/** What every parser returns: the indicators it could read and, located, the entries it skipped and why. */
export interface ParseResult {
  indicators: Indicator[];
  problems: Issue[];
}

/** Longest indicator value accepted (characters); longer values are reported and skipped. */
export const MAX_VALUE_LENGTH = 8192;

/**
 * True for the hash types.
 *
 * @example
 * isHashType('sha256'); // true
 */
export function isHashType(type: string): type is HashType {
  return (HASH_TYPES as readonly string[]).includes(type);
}

/**
 * Parses an ISO-like timestamp to epoch milliseconds; undefined when it is not one.
 *
 * @example
 * timeOf('2024-01-01T00:00:00Z'); // 1704067200000
 */
export function timeOf(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
