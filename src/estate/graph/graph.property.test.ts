import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blastRadius } from './blast-radius.js';
import { buildEstateIndex } from './estate-index.js';
import { miniEstate } from './estate-fixture.js';
import { isolationImpact } from './isolation-impact.js';

const PORTS = fc.constantFrom<'any' | (number | string)[]>('any', [445], ['tcp/3389', 22], ['udp/53']);

/** Random small estates: segments with hosts, random (possibly one-way, port-limited) links, services. */
const estateArb = fc.integer({ min: 1, max: 6 }).chain((segmentCount) =>
  fc
    .record({
      hostsPer: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: segmentCount, maxLength: segmentCount }),
      links: fc.array(
        fc.record({ from: fc.nat(segmentCount - 1), to: fc.nat(segmentCount - 1), bidirectional: fc.boolean(), ports: PORTS }),
        { maxLength: 8 },
      ),
      services: fc.array(fc.record({ hosts: fc.array(fc.nat(40), { maxLength: 3 }), deps: fc.array(fc.nat(8), { maxLength: 2 }) }), {
        maxLength: 8,
      }),
    })
    .map(({ hostsPer, links, services }) => {
      const segments = hostsPer.map((_, s) => `s${s}`);
      const hosts = Object.fromEntries(hostsPer.map((n, s) => [`s${s}`, Array.from({ length: n }, (_, i) => `h${s}-${i}`)]));
      const allHosts = Object.values(hosts).flat();
      return miniEstate({
        entities: { e0: 'r0', e1: 'r1' },
        segments: Object.fromEntries(segments.map((id, s) => [id, `e${s % 2}`])),
        hosts,
        links: links.map((l) => ({ ...l, from: `s${l.from}`, to: `s${l.to}` })),
        services: services.map((svc, i) => ({
          id: `svc${i}`,
          entity: `e${i % 2}`,
          hosts: svc.hosts.map((h) => allHosts[h % allHosts.length]!),
          dependsOn: svc.deps.filter((d) => d < services.length).map((d) => `svc${d}`),
          throughput: { perHour: 10, unit: 'orders' },
        })),
      });
    }),
);

const subsetOf = (hosts: string[]) => fc.subarray(hosts, { minLength: 1 });

describe('graph properties', () => {
  it('the blast radius of a set of hosts is the union of the blast radii of its members', () => {
    fc.assert(
      fc.property(
        estateArb.chain((doc) => fc.tuple(fc.constant(doc), subsetOf(doc.hosts.map((h) => h.hostname)))),
        ([doc, compromised]) => {
          const index = buildEstateIndex(doc);
          const whole = blastRadius(index, compromised);
          const parts = compromised.map((h) => blastRadius(index, [h]));
          const union = (pick: (r: typeof whole) => string[]) => new Set(parts.flatMap(pick));
          expect(new Set(whole.hosts)).toEqual(union((r) => r.hosts));
          expect(new Set(whole.segments.map((s) => s.id))).toEqual(union((r) => r.segments.map((s) => s.id)));
          expect(new Set(whole.services.map((s) => s.id))).toEqual(union((r) => r.services.map((s) => s.id)));
        },
      ),
    );
  });

  it('isolating a superset never brings a service back up, nor raises its capacity', () => {
    fc.assert(
      fc.property(
        estateArb.chain((doc) => {
          const hostnames = doc.hosts.map((h) => h.hostname);
          const segments = doc.segments.map((s) => s.id);
          return fc.tuple(fc.constant(doc), subsetOf(hostnames), fc.subarray(hostnames), fc.subarray(segments));
        }),
        ([doc, small, extraHosts, extraSegments]) => {
          const index = buildEstateIndex(doc);
          const before = isolationImpact(index, { hosts: small });
          const after = isolationImpact(index, { hosts: [...small, ...extraHosts], segments: extraSegments });
          const capacityAfter = new Map(after.services.map((s) => [s.id, s.capacity]));
          for (const service of before.services) {
            expect(capacityAfter.get(service.id)).toBeLessThanOrEqual(service.capacity);
          }
        },
      ),
    );
  });
});
