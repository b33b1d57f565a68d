import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from './demo.js';
import { exportEstate, sortEstate } from './export.js';
import type { ExportFormat } from './export.js';
import { prepareImport } from './import/prepare.js';
import { emptyEstate, estateDocumentSchema } from './schema.js';
import type { EstateDocument } from './schema.js';

function reimport(text: string, format: ExportFormat): EstateDocument {
  const result = prepareImport(text, `estate.${format}`, emptyEstate());
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.line}: ${issue.message}`).join('\n'));
  return result.incoming;
}

describe('exportEstate', () => {
  const demo = generateDemoEstate();

  it.each(['yaml', 'json'] as const)(
    'exports the demo estate as %s that imports back to an equal document',
    (format) => {
      expect(reimport(exportEstate(demo, format), format)).toEqual(sortEstate(demo));
    },
  );

  it('is stable: the same estate in any order exports to the same text', () => {
    const shuffled = { ...demo, hosts: [...demo.hosts].reverse(), links: [...demo.links].reverse() };
    expect(exportEstate(shuffled, 'yaml')).toBe(exportEstate(demo, 'yaml'));
    const yaml = exportEstate(demo, 'yaml');
    expect(exportEstate(reimport(yaml, 'yaml'), 'yaml')).toBe(yaml);
  });

  it('leaves out what the import fills in: empty lists and false flags', () => {
    const doc = estateDocumentSchema.parse({
      entities: [{ id: 'uk', name: 'UK', country: 'GB', region: 'emea', flags: { listedCompany: true } }],
      hosts: [{ hostname: 'ws01', os: 'W', role: 'r', entity: 'uk', segment: 's' }],
    });
    const yaml = exportEstate(doc, 'yaml');
    expect(yaml).toContain('flags:\n      listedCompany: true\n');
    expect(yaml).not.toMatch(/financialEntity|tags|ips|regions/);
  });

  it('round-trips small generated estates, whatever their names contain (property)', () => {
    fc.assert(
      fc.property(smallEstate(), fc.constantFrom<ExportFormat>('yaml', 'json'), (doc, format) => {
        expect(reimport(exportEstate(doc, format), format)).toEqual(sortEstate(doc));
      }),
      { numRuns: 150 },
    );
  });
});

const TRICKY = [
  'yes',
  'no',
  'null',
  '~',
  '1.0',
  '0x1F',
  '- item',
  'a: b',
  '#hash',
  ' padded ',
  '"quoted"',
  "it's",
  '@at',
  '*star',
  'multi\nline',
  'Düsseldorf',
  '東京',
];
const text = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), fc.constantFrom(...TRICKY));
const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,6}$/);
const criticality = fc.constantFrom('low', 'medium', 'high', 'critical');

/** A referentially valid estate of a few items, with arbitrary names, OSes, roles and tags. */
function smallEstate(): fc.Arbitrary<EstateDocument> {
  const ids = fc.uniqueArray(id, { minLength: 6, maxLength: 14 });
  return fc
    .tuple(
      ids,
      fc.array(text, { minLength: 40, maxLength: 40 }),
      fc.array(criticality, { minLength: 12, maxLength: 12 }),
    )
    .map(([names, words, levels]) => {
      const word = (i: number): string => words[i % words.length] ?? 'x';
      const [entity = 'e', segA = 'a', segB = 'b', ...rest] = names;
      const hostIds = rest.slice(0, Math.max(1, rest.length - 2));
      const serviceIds = rest.slice(hostIds.length);
      return estateDocumentSchema.parse({
        regions: [{ id: 'r1', name: word(0) }],
        entities: [
          {
            id: entity,
            name: word(1),
            country: 'GB',
            region: 'r1',
            regulators: [word(2)],
            flags: { listedCompany: levels[0] === 'low' },
          },
        ],
        sites: [{ id: 'site1', name: word(3), entity, country: 'JP', city: word(4) }],
        segments: [
          {
            id: segA,
            name: word(5),
            entity,
            site: 'site1',
            cidrs: ['10.1.0.0/16', '2001:db8::/64'],
            external: [{ kind: 'vpn', name: word(6) }],
          },
          { id: segB, name: word(7), entity, cidrs: ['10.2.0.0/16'] },
        ],
        links: [{ from: segA, to: segB, ports: [445, 'tcp/8000-8080'], bidirectional: levels[1] === 'high' }],
        hosts: hostIds.map((hostname, i) => ({
          hostname,
          ips: i % 2 === 0 ? [`10.1.0.${i + 1}`, `2001:db8::${i + 1}`] : [`10.2.0.${i + 1}`],
          os: word(8 + i),
          role: word(20 + i),
          criticality: levels[i % levels.length],
          entity,
          segment: i % 2 === 0 ? segA : segB,
          tags: i % 3 === 0 ? [] : [word(30 + i)],
        })),
        services: serviceIds.map((sid, i) => ({
          id: sid,
          name: word(i),
          entity,
          hosts: hostIds.slice(0, i + 1),
          dependsOn: serviceIds.slice(0, i),
          throughput: { perHour: i * 1.5, unit: word(i + 2) },
        })),
        dataStores: [
          {
            id: 'ds',
            name: word(9),
            host: hostIds[0],
            personalData: [word(10)],
            subjectCountries: ['GB', 'JP'],
            records: 12,
            encryptedAtRest: true,
          },
        ],
      });
    });
}
