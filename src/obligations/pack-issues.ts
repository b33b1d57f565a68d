/**
 * Turns zod's issues on a rule-pack file into problems a rule author can fix: which field, what is wrong,
 * and a hint naming the accepted values (anchors, calendars, duration units, ...).
 */
import type { z } from 'zod';
import { CALENDAR_IDS } from './calendars/calendar.js';
import { DURATION_HINT } from './duration.js';
import {
  ANCHOR_KINDS,
  anchorSchema,
  clockSchema,
  ENTITY_FLAGS,
  RECIPIENT_KINDS,
  recipientSchema,
  rulePackFileSchema,
  ruleSchema,
  sourceSchema,
} from './pack.schema.js';
import type { FieldPath } from '../shared/yaml-source.js';

/** A problem located by field path; the parser adds file, line and column. */
export interface PathIssue {
  path: FieldPath;
  message: string;
  hint: string;
  at?: 'key' | 'value';
}

const FIELD_HINTS: Readonly<Record<string, string>> = {
  after: DURATION_HINT,
  dueSoon: DURATION_HINT,
  from: `use one of: ${ANCHOR_KINDS.join(', ')} (report needs \`rule: <id>\`); a breach "discovery" is recorded as awareness`,
  calendar: `use one of: ${CALENDAR_IDS.join(', ')}`,
  timeZone: 'write an IANA time zone such as Europe/London or America/New_York, or `entity` for the entity country',
  source: 'add `source:` with `citation:` (the law and article) and `urls:` (at least one https:// link)',
  citation: 'name the law and article, e.g. "GDPR Art. 33"',
  urls: 'list at least one https:// link to the text or a reliable summary',
  checked: 'write the date the rule was checked against its source, as YYYY-MM-DD',
  entityFlags: `use flags of the estate: ${ENTITY_FLAGS.join(', ')}`,
  kind: `use one of: ${RECIPIENT_KINDS.join(', ')}`,
  jurisdiction: 'write a country code (JP), EU, or a country and subdivision (US-CA)',
  id: 'use lower-case letters, digits and "-", e.g. eu-gdpr-33',
  format: 'write `format: 1` (the only version of the rule-pack format)',
  version: 'write the version of this file, e.g. version: "2026.11.0"',
  entityCountries: 'list ISO country codes such as GB or JP, or the groups EU and EEA',
  subjectCountries: 'list ISO country codes such as GB or JP, or the groups EU and EEA',
  anyOf: 'list two or more condition sets; the rule applies when one of them holds',
};

function lastName(path: FieldPath): string {
  const named = [...path].reverse().find((part): part is string => typeof part === 'string');
  return named ?? 'value';
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'a value';
}

function valueAt(raw: unknown, path: FieldPath): unknown {
  let current = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function hintFor(path: FieldPath, fallback: string): string {
  return FIELD_HINTS[lastName(path)] ?? fallback;
}

/**
 * Problems for one zod error on `raw` (the whole file).
 *
 * @example
 * packIssues(rulePackFileSchema.safeParse(raw).error!, raw)[0]?.hint;
 */
export function packIssues(error: z.ZodError, raw: unknown): PathIssue[] {
  return error.issues.flatMap((issue) => describe(issue, raw));
}

function describe(issue: z.core.$ZodIssue, raw: unknown): PathIssue[] {
  const path: FieldPath = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      at: 'key' as const,
      message: `unknown field \`${key}\``,
      hint: unknownKeyHint(key, allowedKeys(path)),
    }));
  }
  const { message, fallback } = explain(issue, valueAt(raw, path), lastName(path));
  return [{ path, message, hint: hintFor(path, fallback) }];
}

/** The message for one value, and a hint to use when the field has no specific one. */
function explain(issue: z.core.$ZodIssue, value: unknown, name: string): { message: string; fallback: string } {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? { message: `missing required field \`${name}\``, fallback: `add \`${name}: ...\`` }
        : { message: `expected ${issue.expected}, got ${show(value)}`, fallback: `write a ${issue.expected}` };
    case 'invalid_value': {
      const options = issue.values.map(String).join(', ');
      return { message: `${show(value)} is not one of ${options}`, fallback: `use one of: ${options}` };
    }
    case 'too_small':
      return issue.origin === 'array'
        ? { message: `\`${name}\` needs at least ${Number(issue.minimum)} item(s)`, fallback: 'add an item' }
        : { message: `${show(value)} is too small`, fallback: 'use a larger value' };
    default:
      return {
        message: issue.message.startsWith('not ')
          ? `${show(value)} is ${issue.message}`
          : `${show(value)}: ${issue.message}`,
        fallback: issue.message,
      };
  }
}

const CONDITION_KEYS = [
  'entityCountries',
  'subjectCountries',
  'entityFlags',
  'regulators',
  'personalData',
  'affectedPersons',
  'determination',
  'classified',
  'ransomPaid',
  'anyOf',
];

/** The fields accepted in the mapping at `path`. */
function allowedKeys(path: FieldPath): string[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return Object.keys(rulePackFileSchema.shape);
  if (path.length === 2 && path[0] === 'rules') return Object.keys(ruleSchema.shape);
  if (typeof last === 'number' && parent === 'anchors') return Object.keys(anchorSchema.shape);
  if (last === 'applies' || (typeof last === 'number' && parent === 'anyOf')) return CONDITION_KEYS;
  const byName: Record<string, string[]> = {
    clock: Object.keys(clockSchema.shape),
    recipient: Object.keys(recipientSchema.shape),
    source: Object.keys(sourceSchema.shape),
    inForce: ['from', 'until'],
    affectedPersons: ['atLeast', 'subjectCountries'],
    classified: ['regime', 'as'],
  };
  return typeof last === 'string' ? (byName[last] ?? []) : [];
}

function unknownKeyHint(key: string, allowed: readonly string[]): string {
  const near = allowed.find((candidate) => editDistance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
  const list = allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '';
  return `${near === undefined ? 'remove it or fix its name' : `did you mean \`${near}\`?`}${list}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
