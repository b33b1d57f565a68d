/**
 * The index against a deliberately naive matcher: for generated indicators and values, a lookup returns
 * exactly the indicators that a loop over all of them, checking each one the obvious way, would return.
 * Values come from small pools so that hits, near misses and shared prefixes are frequent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorType } from './indicator.js';
import { IndicatorIndex, type LookupKind } from './indicator-index.js';
import { parseEventAddress, parseNetwork } from './ip.js';
import { normaliseRegistryKey, normaliseUrl } from './normalise.js';

const NOW = Date.parse('2024-06-01T00:00:00Z');

const casing = (text: string) => fc.constantFrom(text, text.toUpperCase(), text.toLowerCase());
const ipv4 = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15 }))
  .map(([a, b]) => `10.0.${a}.${b}`);
const ipv6 = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15 }))
  .map(([a, b]) => `2001:db8:0:${a}::${b.toString(16)}`);
const v4Prefix = fc.oneof(fc.constantFrom(0, 8, 16), fc.integer({ min: 20, max: 32 }));
const v6Prefix = fc.oneof(fc.constantFrom(0, 32, 48, 64), fc.integer({ min: 60, max: 128 }));
const label = fc.constantFrom('a', 'b', 'evil', 'example');
const domain = fc
  .array(label, { minLength: 1, maxLength: 3 })
  .chain((labels) => fc.constantFrom('com', 'example').map((tld) => [...labels, tld].join('.')));
const md5 = fc
  .constantFrom(
    '44d88612fea8a8f36de82e1278abb02f',
    'b9a75ed4500dd953df172fe6f63578e8',
    '27eac9ba127c20beebf0be4179ecc380',
  )
  .chain(casing);
const fileName = fc.constantFrom('a.exe', 'Rclone.exe', 'evil.dll').chain(casing);
const registry = fc.constantFrom(
  'HKLM\\Software\\A',
  'HKEY_LOCAL_MACHINE\\software\\a',
  'HKCU\\Software\\A',
  'HKLM\\Software\\A\\B',
);
const url = fc.constantFrom(
  'http://evil.example/a',
  'HTTP://EVIL.example:80/a#x',
  'https://evil.example/a',
  'http://evil.example/A',
);

const valueOf: Record<
  'ipv4' | 'ipv6' | 'domain' | 'md5' | 'file-name' | 'registry-key' | 'url',
  fc.Arbitrary<string>
> = {
  ipv4: fc.tuple(ipv4, v4Prefix).map(([a, p]) => `${a}/${p}`),
  ipv6: fc.tuple(ipv6, v6Prefix).map(([a, p]) => `${a}/${p}`),
  domain: domain.chain(casing),
  md5,
  'file-name': fileName,
  'registry-key': registry,
  url,
};

const expiry = fc.option(fc.constantFrom('2021-07-01T00:00:00Z', '2024-06-01T00:00:00Z', '2030-01-01T00:00:00Z'), {
  nil: undefined,
});

const indicators = fc
  .array(
    fc
      .tuple(fc.constantFrom(...(Object.keys(valueOf) as (keyof typeof valueOf)[])), expiry)
      .chain(([type, validUntil]) =>
        valueOf[type].map((value): Omit<Indicator, 'id'> => ({
          type,
          value,
          validUntil,
          labels: [],
          origin: { format: 'csv' },
        })),
      ),
    { maxLength: 40 },
  )
  .map((list) => list.map((item, i): Indicator => ({ ...item, id: String(i) })));

const queries: fc.Arbitrary<[LookupKind, string]> = fc.oneof(
  fc.tuple(
    fc.constant<LookupKind>('ip'),
    fc.oneof(
      ipv4,
      ipv6,
      ipv4.map((a) => `::ffff:${a}`),
    ),
  ),
  fc.tuple(fc.constant<LookupKind>('domain'), domain.chain(casing)),
  fc.tuple(fc.constant<LookupKind>('md5'), md5),
  fc.tuple(fc.constant<LookupKind>('file-name'), fileName),
  fc.tuple(fc.constant<LookupKind>('registry-key'), registry),
  fc.tuple(fc.constant<LookupKind>('url'), url),
);

function bits(words: readonly number[]): bigint {
  return words.reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
}

/** Containment by comparing the top `prefix` bits as big integers. */
function naiveInNetwork(address: string, network: string): boolean {
  const a = parseEventAddress(address);
  const n = parseNetwork(network);
  if (!a || !n || a.family !== n.family) return false;
  const width = BigInt(a.words.length * 32);
  const shift = width - BigInt(n.prefix);
  return bits(a.words) >> shift === bits(n.words) >> shift;
}

function naiveMatches(indicator: Indicator, kind: LookupKind, value: string): boolean {
  if (indicator.validUntil !== undefined && NOW >= Date.parse(indicator.validUntil)) return false;
  const type: IndicatorType = indicator.type;
  if (kind === 'ip') return (type === 'ipv4' || type === 'ipv6') && naiveInNetwork(value, indicator.value);
  if (kind !== type) return false;
  const lower = value.toLowerCase();
  const own = indicator.value.toLowerCase();
  switch (type) {
    case 'domain':
      return lower === own || lower.endsWith(`.${own}`);
    case 'url':
      return normaliseUrl(value) === normaliseUrl(indicator.value);
    case 'registry-key':
      return normaliseRegistryKey(value) === normaliseRegistryKey(indicator.value);
    default:
      return lower === own;
  }
}

/** A value that should hit the indicator itself (and maybe others): its address, a subdomain, its own text. */
function probeOf(indicator: Indicator): [LookupKind, string] {
  if (indicator.type === 'ipv4' || indicator.type === 'ipv6') return ['ip', indicator.value.replace(/\/\d+$/, '')];
  if (indicator.type === 'domain') return ['domain', `x.${indicator.value}`];
  return [indicator.type, indicator.value];
}

describe('IndicatorIndex (property)', () => {
  it('finds exactly what a loop over all indicators finds', () => {
    fc.assert(
      fc.property(indicators, fc.array(queries, { minLength: 1, maxLength: 20 }), (list, asked) => {
        const index = IndicatorIndex.from(list);
        for (const [kind, value] of [...asked, ...list.map(probeOf)]) {
          const fromIndex = index
            .lookup(kind, value, NOW)
            .map((i) => i.id)
            .sort();
          const fromLoop = list
            .filter((i) => naiveMatches(i, kind, value))
            .map((i) => i.id)
            .sort();
          expect(fromIndex).toEqual(fromLoop);
        }
      }),
      { numRuns: 300 },
    );
  });
});
