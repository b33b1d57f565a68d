/**
 * Turns zod's issues for one item into located, fix-oriented problems: a missing field, a value of the
 * wrong type, an unknown field (with the allowed ones and a likely spelling), a value outside an enum.
 */
import { z } from 'zod';
import { withSuggestion } from './suggest.js';
import type { FieldPath, PathIssue } from './types.js';

type ZodIssue = z.core.$ZodIssue;

const TYPE_HINTS: Record<string, string> = {
  string: 'write text; quote it if it looks like a number or true/false',
  number: 'write a number without quotes, e.g. 1200',
  boolean: 'write true or false, without quotes',
  array: 'write a list, e.g. [a, b], or one `- item` per line',
  object: 'write a mapping of fields, one `key: value` per line',
};

const UNION_HINTS: Record<string, string> = {
  ports: 'write `any` or a list of ports such as [445, "tcp/445", "udp/53", "tcp/8000-8080"]',
};

/**
 * Maps zod's issues for `raw` (validated against `schema`) to problems at `prefix` + the issue's path.
 *
 * @example zodIssues(hostSchema.safeParse(raw).error!, raw, hostSchema, ['hosts', 3])
 */
export function zodIssues(error: z.ZodError, raw: unknown, schema: z.ZodType, prefix: FieldPath): PathIssue[] {
  return error.issues.flatMap((issue) => {
    const local = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    return describeIssue(issue, local, raw, schema).map((problem) => ({
      ...problem,
      path: [...prefix, ...problem.path],
    }));
  });
}

function describeIssue(issue: ZodIssue, path: FieldPath, raw: unknown, schema: z.ZodType): PathIssue[] {
  const value = valueAt(raw, path);
  const show = describeValue(value.value);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(key, path, schema));
    case 'invalid_type':
      return [value.present ? wrongType(issue.expected, show, path) : missingField(path)];
    case 'invalid_value':
      return [invalidValue(issue.values, show, path)];
    case 'invalid_format':
      return [
        { path, message: `${show} is not valid here`, hint: formatHint(issue.message, value.value, schema, path) },
      ];
    case 'too_small':
      return [{ path, ...tooSmall(issue.origin, Number(issue.minimum), show) }];
    case 'too_big':
      return [{ path, message: `${show} is too large`, hint: `use at most ${Number(issue.maximum)}` }];
    case 'invalid_union':
      return [{ path, message: `${show} is not valid here`, hint: unionHint(path, issue) }];
    default:
      return [{ path, message: issue.message, hint: 'check this value against the estate format' }];
  }
}

function unknownKey(key: string, path: FieldPath, schema: z.ZodType): PathIssue {
  const allowed = allowedKeys(schema, path);
  const hint = `remove it or fix its name; allowed fields here: ${allowed.join(', ')}`;
  return {
    path: [...path, key],
    at: 'key',
    message: `unknown field \`${key}\``,
    hint: withSuggestion(hint, key, allowed),
  };
}

function missingField(path: FieldPath): PathIssue {
  const name = String(path[path.length - 1] ?? 'value');
  return { path, message: `missing required field \`${name}\``, hint: `add \`${name}: ...\` to this item` };
}

function wrongType(expected: string, show: string, path: FieldPath): PathIssue {
  if (show === 'an empty value') {
    return {
      path,
      message: 'this field is empty',
      hint: `give it a value or remove the line; ${TYPE_HINTS[expected] ?? ''}`,
    };
  }
  return { path, message: `expected ${expected}, got ${show}`, hint: TYPE_HINTS[expected] ?? `write a ${expected}` };
}

function invalidValue(values: readonly unknown[], show: string, path: FieldPath): PathIssue {
  const options = values.map((option) => String(option));
  if (options.length === 1)
    return { path, message: `expected ${options[0] ?? ''}, got ${show}`, hint: `write ${options[0] ?? ''}` };
  return { path, message: `${show} is not one of ${options.join(', ')}`, hint: `use one of: ${options.join(', ')}` };
}

function tooSmall(origin: string, minimum: number, show: string): { message: string; hint: string } {
  if (origin === 'array')
    return { message: `needs at least ${minimum} item(s)`, hint: 'add an item or remove the field' };
  if (origin === 'string') return { message: 'must not be empty', hint: 'give it a value or remove the field' };
  return { message: `${show} is too small`, hint: `use ${minimum} or more` };
}

function unionHint(path: FieldPath, issue: ZodIssue & { code: 'invalid_union' }): string {
  const named = [...path].reverse().find((part): part is string => typeof part === 'string');
  const specific = named === undefined ? undefined : UNION_HINTS[named];
  if (specific !== undefined) return specific;
  const branches = issue.errors.flat().map((inner) => inner.message);
  return [...new Set(branches)].join('; or ');
}

/** The fields an object schema accepts at `path` (after unwrapping lists, defaults and optionals). */
export function allowedKeys(schema: z.ZodType, path: FieldPath): string[] {
  const target = schemaAt(schema, path);
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

/** The schema that validates the value at `path`, with lists, defaults and optionals unwrapped. */
function schemaAt(schema: z.ZodType, path: FieldPath): unknown {
  let current: unknown = schema;
  for (const part of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject && typeof part === 'string') {
      current = (current.shape as Record<string, unknown>)[part];
    } else if (current instanceof z.ZodArray) {
      current = current.element;
    } else {
      return undefined;
    }
  }
  return unwrap(current);
}

/** A hint for a value of the wrong format, with a corrected value when a simple fix makes it valid. */
function formatHint(expected: string, value: unknown, schema: z.ZodType, path: FieldPath): string {
  const target = schemaAt(schema, path);
  if (typeof value !== 'string' || !(target instanceof z.ZodType)) return expected;
  const fixes = [
    value
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-'),
    value.trim().toUpperCase(),
  ];
  const fix = fixes.find((candidate) => candidate !== value && target.safeParse(candidate).success);
  return fix === undefined ? expected : `${expected}; try \`${fix}\``;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}

function valueAt(raw: unknown, path: FieldPath): { present: boolean; value: unknown } {
  let current = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part))
      return { present: false, value: undefined };
    current = (current as Record<string | number, unknown>)[part];
  }
  return { present: current !== undefined, value: current };
}

/** Describes a raw value for a message: `"Tokyo"`, `5`, `a list`, `an empty value`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return 'a mapping';
}
