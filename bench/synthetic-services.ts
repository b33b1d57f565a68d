/**
 * Services and data stores of the synthetic estate. Dependencies only point to services generated earlier,
 * so the graph is acyclic: global services, then each region's core services, then each site's services.
 */
import type { DataStore, Host, Service } from '../src/estate/schema.js';
import { pick, type Site, type SyntheticOptions } from './synthetic-common.js';

const GLOBAL: [string, string[]][] = [
  ['identity-global', []],
  ['dns-global', []],
  ['email', ['identity-global', 'dns-global']],
  ['erp-global', ['identity-global', 'dns-global']],
  ['backup-global', ['identity-global']],
];
const REGIONAL: [string, string[]][] = [
  ['identity', ['identity-global']],
  ['dns', ['dns-global']],
  ['erp', ['identity', 'erp-global']],
  ['mail', ['identity', 'email']],
  ['files', ['identity']],
  ['print', ['identity', 'files']],
  ['crm', ['identity', 'erp']],
  ['web', ['dns', 'crm']],
  ['edi', ['erp']],
  ['payroll', ['identity', 'erp']],
];
const UNITS = ['orders', 'invoices', 'prints', 'shipments'];
const CATEGORIES = ['contact', 'financial', 'employee', 'health', 'credentials'];

interface Context {
  random: () => number;
  dcHosts: Map<string, string[]>;
  services: Service[];
}

function addService(ctx: Context, site: Site, id: string, dependsOn: string[], hostCount: number): void {
  const pool = ctx.dcHosts.get(site.id) ?? [];
  const hosts = new Set<string>();
  for (let i = 0; i < Math.min(hostCount, pool.length); i += 1) hosts.add(pool[pick(ctx.random, pool.length)]!);
  const throughput = ctx.random() < 0.6 ? { perHour: 10 + pick(ctx.random, 990), unit: UNITS[pick(ctx.random, UNITS.length)]! } : undefined;
  ctx.services.push({
    id,
    name: id,
    entity: site.entity,
    hosts: [...hosts],
    dependsOn,
    criticality: ctx.random() < 0.1 ? 'critical' : ctx.random() < 0.3 ? 'high' : 'medium',
    ...(throughput ? { throughput } : {}),
  });
}

function siteServices(ctx: Context, site: Site, count: number, region: string): void {
  for (let j = 0; j < count; j += 1) {
    const deps = new Set<string>();
    if (ctx.random() < 0.8) deps.add(`identity-${region}`);
    if (ctx.random() < 0.3) deps.add(`erp-${region}`);
    for (let d = 0; d < pick(ctx.random, 3) && j > 0; d += 1) deps.add(`${site.id}-app${pick(ctx.random, j)}`);
    addService(ctx, site, `${site.id}-app${j}`, [...deps], 1 + pick(ctx.random, 6));
  }
}

function dataStoresOf(o: SyntheticOptions, sites: Site[], ctx: Context): DataStore[] {
  return Array.from({ length: o.dataStores }, (_, i) => {
    const site = sites[pick(ctx.random, sites.length)]!;
    const pool = ctx.dcHosts.get(site.id) ?? [];
    const personal = ctx.random() < 0.7 ? CATEGORIES.filter(() => ctx.random() < 0.35) : [];
    return {
      id: `store-${i}`,
      name: `store ${i}`,
      host: pool[pick(ctx.random, pool.length)] ?? '',
      personalData: personal,
      subjectCountries: personal.length > 0 ? [site.country] : [],
      records: pick(ctx.random, 1_000_000),
      encryptedAtRest: ctx.random() < 0.5,
    };
  });
}

/**
 * Generates `o.services` services and `o.dataStores` data stores on the sites' data-centre hosts.
 *
 * @example
 * const { services } = servicesAndData(options, sites, hosts, prng(1));
 */
export function servicesAndData(o: SyntheticOptions, sites: Site[], hosts: Host[], random: () => number) {
  const dcHosts = new Map<string, string[]>();
  for (const host of hosts) {
    if (!host.segment.endsWith('-dc')) continue;
    const site = host.segment.slice(0, -'-dc'.length);
    const list = dcHosts.get(site);
    if (list) list.push(host.hostname);
    else dcHosts.set(site, [host.hostname]);
  }
  const ctx: Context = { random, dcHosts, services: [] };
  for (const [id, deps] of GLOBAL) addService(ctx, sites[0]!, id, deps, 4);
  const hubs = sites.filter((s) => s.hub);
  for (const hub of hubs) {
    const region = hub.id.split('-')[0]!;
    const local = (id: string) => (GLOBAL.some(([g]) => g === id) ? id : `${id}-${region}`);
    for (const [id, deps] of REGIONAL) addService(ctx, hub, `${id}-${region}`, deps.map(local), 3);
  }
  const remaining = o.services - ctx.services.length;
  sites.forEach((site, i) => {
    const count = Math.floor(remaining / sites.length) + (i < remaining % sites.length ? 1 : 0);
    siteServices(ctx, site, count, site.id.split('-')[0]!);
  });
  return { services: ctx.services, dataStores: dataStoresOf(o, sites, ctx) };
}
