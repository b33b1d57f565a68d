import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from './demo.js';
import { exportEstate } from './export.js';
import { cidrContains, parseCidr, parseIp } from './import/ip.js';
import type { Cidr } from './import/ip.js';
import { prepareImport } from './import/prepare.js';
import { emptyEstate } from './schema.js';

describe('generateDemoEstate', () => {
  const demo = generateDemoEstate();

  it('has about 2,000 hosts', () => {
    expect(demo.hosts).toHaveLength(2000);
  });

  it('passes the import validation, as printed by `firebreak demo estate`', () => {
    const result = prepareImport(exportEstate(demo, 'yaml'), 'demo.yaml', emptyEstate());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('is deterministic per seed, and the seed changes details but not the shape', () => {
    expect(generateDemoEstate()).toEqual(demo);
    expect(generateDemoEstate({ seed: 2021 })).toEqual(demo);
    const other = generateDemoEstate({ seed: 7 });
    expect(other).not.toEqual(demo);
    expect(other.hosts.map((host) => host.hostname)).toEqual(demo.hosts.map((host) => host.hostname));
  });

  it('places every IP inside its segment CIDRs', () => {
    const cidrs = new Map(
      demo.segments.map((segment) => [segment.id, segment.cidrs.map((text) => parseCidr(text) as Cidr)]),
    );
    const outside = demo.hosts.filter((host) =>
      host.ips.some((ip) => !(cidrs.get(host.segment) ?? []).some((cidr) => cidrContains(cidr, parseIp(ip)!))),
    );
    expect(outside).toEqual([]);
  });

  it('is shaped like the 2021 case: a listed Japanese parent, an EMEA hub with UK, German and Dutch entities, the Americas', () => {
    const entity = (id: string) => demo.entities.find((candidate) => candidate.id === id);
    expect(entity('hik-hd')).toMatchObject({
      country: 'JP',
      flags: { listedCompany: true },
      regulators: expect.arrayContaining(['ppc-jp', 'sec']),
    });
    expect(entity('hik-eu')).toMatchObject({ country: 'NL', region: 'emea', parent: 'hik-hd' });
    expect(['hik-uk', 'hik-de', 'hik-nl'].map((id) => entity(id)?.parent)).toEqual(['hik-eu', 'hik-eu', 'hik-eu']);
    expect(entity('hik-uk')?.regulators).toContain('ico');
    expect(entity('hik-us')).toMatchObject({ country: 'US', region: 'americas' });
    const tokyo = demo.segments.filter((segment) => segment.site === 'tokyo-hq').map((segment) => segment.id);
    expect(tokyo).toEqual(
      expect.arrayContaining(['tokyo-hq-office', 'tokyo-hq-server', 'tokyo-hq-factory', 'tokyo-hq-mgmt']),
    );
  });

  it('links every region to Tokyo and has internet, partner and VPN connectivity', () => {
    const toTokyo = demo.links.filter((link) => link.to.startsWith('tokyo-hq') && !link.from.startsWith('tokyo-hq'));
    expect(toTokyo.map((link) => link.from)).toEqual(expect.arrayContaining(['eu-hub-server', 'us-server']));
    const kinds = new Set(demo.segments.flatMap((segment) => segment.external.map((link) => link.kind)));
    expect([...kinds].sort()).toEqual(['cloud', 'internet', 'partner', 'vpn']);
  });

  it('makes every business service depend on its region identity, directly or not', () => {
    const services = new Map(demo.services.map((service) => [service.id, service]));
    const needs = (id: string, seen = new Set<string>()): Set<string> => {
      for (const dep of services.get(id)?.dependsOn ?? []) if (!seen.has(dep)) needs(dep, seen.add(dep));
      return seen;
    };
    const orphans = demo.services.filter(
      (service) =>
        !service.id.startsWith('identity') && ![...needs(service.id)].some((dep) => dep.startsWith('identity')),
    );
    expect(orphans).toEqual([]);
    expect(demo.services.filter((service) => service.throughput).map((service) => service.throughput?.unit)).toEqual(
      expect.arrayContaining(['orders', 'invoices', 'print jobs']),
    );
  });

  it('holds personal data of several jurisdictions, some of it encrypted at rest', () => {
    const countries = new Set(demo.dataStores.flatMap((store) => store.subjectCountries));
    expect([...countries]).toEqual(expect.arrayContaining(['JP', 'GB', 'DE', 'NL', 'US']));
    expect(demo.dataStores.some((store) => store.encryptedAtRest)).toBe(true);
    expect(demo.dataStores.some((store) => !store.encryptedAtRest)).toBe(true);
  });
});
