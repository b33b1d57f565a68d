/**
 * Which event fields hold which kind of value, as data (ioc-fields.json, validated with zod) that users extend
 * with their own table: groups of field names per kind, plus containers (nested objects such as Winlogbeat's
 * `winlog.event_data`) where the same names are looked up too. A URL group may name a host field, for logs
 * that split the URL (Zeek's `host` + `uri`, W3C's `cs-host` + `cs-uri-stem`).
 */
import { z } from 'zod';
import type { Issue } from '../../shared/errors.js';
import builtin from './ioc-fields.json' with { type: 'json' };

export const CANDIDATE_KINDS = [
  'hashes',
  'hash',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'imphash',
  'ip',
  'domain',
  'url',
  'registry-key',
  'file-path',
] as const;
/**
 * How a field's value is read: `hashes` is Sysmon's `SHA256=...,MD5=...,IMPHASH=...`; `hash` a hash of any
 * length; `file-path` a path or name whose base name (and whole text) is looked up as a file name.
 */
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

const fieldName = z.string().min(1).max(200);

export const iocFieldGroupSchema = z.object({
  kind: z.enum(CANDIDATE_KINDS),
  fields: z.array(fieldName).min(1).max(500),
  hostField: fieldName.optional(),
});

export const iocFieldTableSchema = z.object({
  containers: z.array(fieldName).max(20).default([]),
  groups: z.array(iocFieldGroupSchema).max(500),
});
export type IocFieldTableInput = z.input<typeof iocFieldTableSchema>;

/** One field to read, with its path split for nested lookups. */
export interface FieldRule {
  field: string;
  /** The path after the first name (`file.hash.md5` -> ['hash', 'md5']); empty for plain names. */
  rest: readonly string[];
  kind: CandidateKind;
  host?: { field: string; path: readonly string[] } | undefined;
}

/** A table ready for matching: rules by field name, and dotted rules by their first name. */
export interface IocFieldTable {
  rules: readonly FieldRule[];
  containers: readonly (readonly string[])[];
  /** Rules by the whole field name (Zeek's `id.orig_h` is a key with a dot in it). */
  byName: ReadonlyMap<string, readonly FieldRule[]>;
  /** Rules with a dotted name by its first part, for nested objects (`file: { hash: { md5 } }`). */
  byFirst: ReadonlyMap<string, readonly FieldRule[]>;
  /** Every field name the rules read (the fallback scan leaves these to the rules). */
  names: ReadonlySet<string>;
}

function rulesOf(input: z.output<typeof iocFieldTableSchema>): FieldRule[] {
  return input.groups.flatMap((group) =>
    group.fields.map((field) => ({
      field,
      rest: field.split('.').slice(1),
      kind: group.kind,
      host: group.hostField === undefined ? undefined : { field: group.hostField, path: group.hostField.split('.') },
    })),
  );
}

function group(rules: readonly FieldRule[], key: (rule: FieldRule) => string | undefined): Map<string, FieldRule[]> {
  const map = new Map<string, FieldRule[]>();
  for (const rule of rules) {
    const name = key(rule);
    if (name === undefined) continue;
    const list = map.get(name);
    if (list) list.push(rule);
    else map.set(name, [rule]);
  }
  return map;
}

function buildTable(rules: readonly FieldRule[], containers: readonly (readonly string[])[]): IocFieldTable {
  const byName = group(rules, (rule) => rule.field);
  const byFirst = group(rules, (rule) =>
    rule.rest.length > 0 ? rule.field.slice(0, rule.field.indexOf('.')) : undefined,
  );
  return { rules, containers, byName, byFirst, names: new Set(byName.keys()) };
}

function tableOf(input: z.output<typeof iocFieldTableSchema>): IocFieldTable {
  return buildTable(
    rulesOf(input),
    input.containers.map((c) => c.split('.')),
  );
}

/**
 * Validates a field table (parsed JSON or YAML); problems name the field path.
 *
 * @example
 * const { table, problems } = parseIocFieldTable({ groups: [{ kind: 'ip', fields: ['peer_ip'] }] }, 'fields.json');
 */
export function parseIocFieldTable(
  input: unknown,
  file?: string,
): { table: IocFieldTable | undefined; problems: Issue[] } {
  const parsed = iocFieldTableSchema.safeParse(input);
  if (parsed.success) return { table: tableOf(parsed.data), problems: [] };
  const problems = parsed.error.issues.map((issue) => ({
    file,
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { table: undefined, problems };
}

/**
 * The built-in table extended with more tables (their rules are added; a field may be read as several kinds).
 *
 * @example
 * const fields = extendIocFields(DEFAULT_IOC_FIELDS, parseIocFieldTable(mine).table!);
 */
export function extendIocFields(base: IocFieldTable, ...more: IocFieldTable[]): IocFieldTable {
  const seen = new Set<string>();
  const containers = [...base.containers, ...more.flatMap((t) => t.containers)].filter(
    (c) => !seen.has(c.join('.')) && seen.add(c.join('.')),
  );
  return buildTable([...base.rules, ...more.flatMap((t) => t.rules)], containers);
}

/** Fields of Windows, Sysmon, Winlogbeat/ECS, Zeek, proxy (W3C) and Defender events. */
export const DEFAULT_IOC_FIELDS: IocFieldTable = tableOf(iocFieldTableSchema.parse(builtin));
