import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonbStringProblem, type JsonValue } from './canonical-json.js';

/** What PostgreSQL jsonb does to an object: keys reordered (shorter first, then bytewise). */
function jsonbOrder(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(keys.map((key) => [key, jsonbOrder(value[key]!)]));
}

/** JSON values whose strings jsonb can store (no NUL, no unpaired surrogates), any code point otherwise. */
const storable = fc
  .jsonValue({ stringUnit: 'binary' })
  .filter((value) => !JSON.stringify(value).includes('\\u0000'))
  .map((value) => value as JsonValue);

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined properties, like JSON.stringify and jsonb', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('writes numbers in their shortest round-trip form, -0 as 0', () => {
    expect(canonicalJson([1e21, 5e-324, 0.1, -0, 2 ** 53 + 2])).toBe('[1e+21,5e-324,0.1,0,9007199254740994]');
  });

  it.each([
    ['NaN', { a: Number.NaN }, '$.a is NaN'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1] is Infinity'],
    ['undefined in an array', [undefined], '$[0] is undefined'],
    ['a hole in an array', [1, , 2], '$[1] is undefined'],
    ['a bigint', { n: 1n }, '$.n is a bigint'],
    ['a function', { f: () => 1 }, '$.f is a function'],
    ['a Date', { at: new Date(0) }, '$.at is a Date'],
    ['a Map', new Map(), '$ is a Map'],
    ['NUL in a string', { s: 'a\u0000b' }, 'NUL'],
    ['NUL in a key', { 'a\u0000': 1 }, 'NUL'],
    ['an unpaired high surrogate', ['\uD800x'], 'unpaired'],
    ['an unpaired low surrogate', ['x\uDC00'], 'unpaired'],
  ])('rejects %s, naming where', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('accepts paired surrogates (emoji) and objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: '😀', a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":"😀"}');
  });

  it('gives the same text after a jsonb-like round trip (keys reordered, re-parsed)', () => {
    fc.assert(
      fc.property(storable, (value) => {
        const roundTripped = JSON.parse(JSON.stringify(jsonbOrder(value))) as unknown;
        expect(canonicalJson(roundTripped)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('is a fixed point: parsing and re-encoding changes nothing', () => {
    fc.assert(
      fc.property(storable, (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});

describe('jsonbStringProblem', () => {
  it('accepts ordinary text and names what jsonb rejects', () => {
    expect(jsonbStringProblem('Fujifilm 富士フイルム 😀')).toBeUndefined();
    expect(jsonbStringProblem('a\u0000')).toMatch(/NUL/);
    expect(jsonbStringProblem('\uDFFF')).toMatch(/surrogate/);
  });
});
