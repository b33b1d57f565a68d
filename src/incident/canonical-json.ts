/**
 * Canonical JSON: the exact text that the hash chain hashes. Two values that PostgreSQL `jsonb` considers the
 * same document give the same text, so an event hashes the same before it is stored and after it is read back.
 */

/** A plain JSON value, as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored in PostgreSQL `jsonb` (which rejects `\u0000` and unpaired surrogates), or
 * undefined when it can.
 *
 * @example
 * jsonbStringProblem('ok'); // undefined
 * jsonbStringProblem('a\u0000b'); // 'contains the NUL character (\\u0000)'
 */
export function jsonbStringProblem(value: string): string | undefined {
  if (NUL.test(value)) return 'contains the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

function fail(path: string, problem: string): never {
  throw new TypeError(`canonicalJson: the value at ${path} ${problem}`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function encodeString(value: string, path: string): string {
  const problem = jsonbStringProblem(value);
  if (problem) fail(path, problem);
  return JSON.stringify(value);
}

function encodeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) fail(path, `is ${String(value)}: only finite numbers are allowed in JSON`);
  // ECMAScript's shortest round-trip form; -0 becomes 0, as it does through jsonb.
  return JSON.stringify(value);
}

function encodeArray(value: readonly unknown[], path: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item === undefined) fail(`${path}[${i}]`, 'is undefined (or a hole): use null in arrays');
    parts.push(encode(item, `${path}[${i}]`));
  }
  return `[${parts.join(',')}]`;
}

function encodeObject(value: object, path: string): string {
  if (!isPlainObject(value)) {
    fail(path, `is a ${value.constructor?.name ?? 'non-plain object'}: convert it to plain JSON first (e.g. dates to ISO strings)`);
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${encodeString(key, `${path} (key ${JSON.stringify(key)})`)}:${encode(item, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function encode(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return encodeString(value, path);
    case 'number':
      return encodeNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? encodeArray(value, path) : encodeObject(value, path);
    default:
      return fail(path, `is a ${typeof value}: only JSON values can be hashed`);
  }
}

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units), no whitespace, properties whose value is
 * `undefined` left out, numbers in ECMAScript's shortest round-trip form. Throws a `TypeError` naming the
 * path for anything PostgreSQL `jsonb` could not store unchanged: non-finite numbers, `undefined` in arrays,
 * bigints, functions, symbols, class instances (including `Date`), `\u0000` and unpaired surrogates.
 *
 * The result is the same after the value round-trips through `jsonb` and `JSON.parse` (jsonb reorders keys,
 * drops nothing else and keeps every double exactly).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null], c: undefined }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}
