/**
 * A deterministic synthetic estate for benchmarks: regions of entities, sites of ten segments each (core,
 * data centre, management, DMZ, offices, OT), WAN links from every site to its regional hub and from the hubs
 * to a global hub, hosts spread by segment kind, services with acyclic dependencies (global, regional, site),
 * and data stores with personal data. The same options always give the same estate.
 */
import type { EstateDocument, Host, Link, Segment } from '../src/estate/schema.js';
import { KINDS, prng, type Site, type SyntheticOptions } from './synthetic-common.js';
import { servicesAndData } from './synthetic-services.js';

export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  hosts: 100_000,
  segments: 2_000,
  services: 5_000,
  regions: 4,
  entitiesPerRegion: 10,
  dataStores: 3_000,
  seed: 2021,
};

const REGIONS = [
  ['japan', 'JP'],
  ['emea', 'GB'],
  ['amer', 'US'],
  ['apac', 'SG'],
  ['latam', 'BR'],
  ['mea', 'AE'],
] as const;
const WEIGHT: Record<(typeof KINDS)[number], number> = { core: 1, dc: 8, mgmt: 1, dmz: 2, office1: 10, office2: 10, office3: 8, office4: 6, office5: 4, ot: 3 };
const WAN_PORTS: Link['ports'] = ['tcp/443', 445, 'udp/53', 'tcp/88', 'tcp/389', 'tcp/135', 3389];

function organisation(o: SyntheticOptions) {
  const regions = REGIONS.slice(0, o.regions).map(([id]) => ({ id, name: id.toUpperCase() }));
  const entities = regions.flatMap((region, r) =>
    Array.from({ length: o.entitiesPerRegion }, (_, e) => ({
      id: `${region.id}-e${e}`,
      name: `${region.name} entity ${e}`,
      country: REGIONS[r]![1],
      region: region.id,
      regulators: [],
      flags: { listedCompany: e === 0, financialEntity: false, essentialEntity: false, importantEntity: e < 2 },
    })),
  );
  return { regions, entities };
}

function siteList(o: SyntheticOptions, random: () => number): Site[] {
  const count = o.segments / KINDS.length;
  return Array.from({ length: count }, (_, i) => {
    const region = i % o.regions;
    const local = Math.floor(i / o.regions);
    return {
      id: `${REGIONS[region]![0]}-site${local}`,
      entity: `${REGIONS[region]![0]}-e${local % o.entitiesPerRegion}`,
      region,
      country: REGIONS[region]![1],
      hub: local === 0,
      standalone: local > 0 && random() < 0.05,
    };
  });
}

function segmentsOf(site: Site): Segment[] {
  return KINDS.map((kind) => ({
    id: `${site.id}-${kind}`,
    name: `${site.id} ${kind}`,
    entity: site.entity,
    site: site.id,
    cidrs: [`10.${site.region}.0.0/16`],
    external: [
      ...(kind === 'dmz' ? [{ kind: 'internet' as const, name: `${site.id} breakout` }] : []),
      ...(kind === 'core' && site.hub ? [{ kind: 'vpn' as const, name: `${site.id} remote access` }] : []),
    ],
  }));
}

function linksOf(site: Site, hubCore: string, globalCore: string): Link[] {
  const seg = (kind: string) => `${site.id}-${kind}`;
  const links: Link[] = [
    { from: seg('dc'), to: seg('core'), ports: [445, 'tcp/443', 'tcp/1433', 3389], bidirectional: true },
    { from: seg('dmz'), to: seg('core'), ports: ['tcp/443'], bidirectional: true },
    { from: seg('mgmt'), to: seg('core'), ports: 'any', bidirectional: false },
    { from: seg('mgmt'), to: seg('ot'), ports: ['tcp/22', 'tcp/502'], bidirectional: false },
  ];
  for (const office of KINDS.filter((k) => k.startsWith('office'))) {
    links.push({ from: seg(office), to: seg('core'), ports: 'any', bidirectional: true });
  }
  const core = seg('core');
  if (site.hub && core !== globalCore) links.push({ from: core, to: globalCore, ports: WAN_PORTS, bidirectional: true });
  if (!site.hub && !site.standalone) links.push({ from: core, to: hubCore, ports: WAN_PORTS, bidirectional: true });
  return links;
}

function network(sites: Site[]) {
  const segments = sites.flatMap(segmentsOf);
  const globalCore = `${sites[0]!.id}-core`;
  const hubCore = (region: number) => `${sites[region]!.id}-core`;
  const links = sites.flatMap((site) => linksOf(site, hubCore(site.region), globalCore));
  return { segments, links };
}

function hostsOf(o: SyntheticOptions, sites: Site[], random: () => number): Host[] {
  const totalWeight = Object.values(WEIGHT).reduce((a, b) => a + b, 0) * sites.length;
  const hosts: Host[] = [];
  let remainder = o.hosts;
  sites.forEach((site, i) => {
    KINDS.forEach((kind, k) => {
      const last = i === sites.length - 1 && k === KINDS.length - 1;
      const count = last ? remainder : Math.round((o.hosts * WEIGHT[kind]) / totalWeight);
      remainder -= count;
      for (let n = 0; n < count; n += 1) hosts.push(hostOf(site, kind, n, random));
    });
  });
  return hosts;
}

function hostOf(site: Site, kind: (typeof KINDS)[number], n: number, random: () => number): Host {
  const server = kind === 'dc' || kind === 'dmz' || kind === 'core' || kind === 'mgmt';
  return {
    hostname: `${site.id}-${kind}-${n}`,
    ips: [`10.${site.region}.${n >> 8}.${n & 255}`],
    os: server ? 'linux' : 'windows',
    role: server ? 'server' : kind === 'ot' ? 'plc' : 'workstation',
    criticality: kind === 'dc' ? (random() < 0.2 ? 'critical' : 'high') : server ? 'medium' : 'low',
    entity: site.entity,
    segment: `${site.id}-${kind}`,
    tags: [],
  };
}

/**
 * Generates the estate.
 *
 * @example
 * const doc = syntheticEstate(); // 100,000 hosts, 2,000 segments, 5,000 services
 */
export function syntheticEstate(options: Partial<SyntheticOptions> = {}): EstateDocument {
  const o = { ...DEFAULT_SYNTHETIC, ...options };
  const random = prng(o.seed);
  const { regions, entities } = organisation(o);
  const sites = siteList(o, random);
  const { segments, links } = network(sites);
  const hosts = hostsOf(o, sites, random);
  const { services, dataStores } = servicesAndData(o, sites, hosts, random);
  const siteRecords = sites.map((s) => ({ id: s.id, name: s.id, entity: s.entity, country: s.country }));
  return { version: 1, regions, entities, sites: siteRecords, segments, links, hosts, services, dataStores };
}
