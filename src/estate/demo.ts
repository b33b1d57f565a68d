/**
 * The built-in demo estate: a fictional global manufacturer, Hikari Imaging, shaped like the 2021 case.
 * A listed Japanese parent runs its Tokyo headquarters on office, data-centre, factory (OT), management /
 * identity and DMZ networks; a Dutch European hub serves UK, German and Dutch entities; an Americas entity
 * runs a US office, data centre and plant. About 2,000 hosts, WAN links from each region to Tokyo, internet
 * breakouts, partner links and VPNs, services with throughput and dependencies, and personal data of
 * several jurisdictions. Deterministic: the same seed always gives the same estate.
 */
import type { Criticality, DataStore, Entity, EstateDocument, ExternalLink, Host, Link, Service } from './schema.js';

/** Options of the demo generator. */
export interface DemoEstateOptions {
  /** Seed of the generator (default 2021); it varies OSes, criticality, tags and record counts. */
  seed?: number;
}

type Random = () => number;
/** role, count, hostname code, OS choices, criticality (or choices), tags. */
type HostPlan = [string, number, string, readonly string[], Criticality | readonly Criticality[], string[]?];

interface SegmentPlan {
  id: string;
  name: string;
  entity: string;
  site: string;
  cidr: string;
  external?: ExternalLink[];
  hosts: HostPlan[];
}

const CLIENT = ['Windows 10', 'Windows 10', 'Windows 11'];
const WIN_SERVER = ['Windows Server 2016', 'Windows Server 2019', 'Windows Server 2019', 'Windows Server 2022'];
const DC_OS = ['Windows Server 2019', 'Windows Server 2022'];
const LINUX = ['RHEL 8', 'RHEL 9', 'Ubuntu 22.04'];
const DB_OS = ['RHEL 8', 'Windows Server 2016', 'Windows Server 2019'];
const APP_OS = [...WIN_SERVER, ...LINUX];
// prettier-ignore
const AD_PORTS = ['tcp/53', 'udp/53', 'tcp/88', 'udp/88', 'tcp/135', 'tcp/389', 'udp/389', 'tcp/445', 'tcp/636', 'tcp/3268-3269', 'tcp/49152-65535'];
const net = (kind: ExternalLink['kind'], name: string): ExternalLink => ({ kind, name });
/** The site's router: the Firebreak agent runs on it in gateway role and cuts the segments it routes. */
const gateway = (code: string, segments: readonly string[]): HostPlan => ['gateway', 1, `${code}-gw`, ['Debian 12'], 'critical', ['gateway', ...segments.map((s) => `gateway-for:${s}`)]];

const office = (ws: number, code: string): HostPlan[] => [
  ['workstation', ws, `${code}-ws`, CLIENT, 'low'],
  ['print-server', 2, `${code}-prt`, WIN_SERVER, 'medium'],
];
const servers = (scale: number, code: string): HostPlan[] => [
  ['file-server', 2 * scale, `${code}-fs`, WIN_SERVER, 'high'],
  ['database', 3 * scale, `${code}-db`, DB_OS, ['high', 'critical']],
  ['app-server', 7 * scale, `${code}-app`, APP_OS, ['medium', 'high']],
  ['mail', scale, `${code}-mx`, ['Windows Server 2016', 'Windows Server 2019'], 'high'],
  ['backup', 1 + Math.floor(scale / 2), `${code}-bk`, ['RHEL 8', 'Windows Server 2019'], 'critical'],
];
const identity = (dcs: number, code: string): HostPlan[] => [
  ['domain-controller', dcs, `${code}-dc`, DC_OS, 'critical', ['tier0']],
  ['jump-host', 2, `${code}-jmp`, ['Windows Server 2022'], 'high', ['tier0']],
];
const plant = (plcs: number, code: string): HostPlan[] => [
  ['plc-gateway', plcs, `${code}-plc`, ['Windows 10', 'Windows Server 2016'], 'high', ['ot']],
  ['hmi', Math.ceil(plcs / 2), `${code}-hmi`, ['Windows 10'], 'medium', ['ot']],
  ['historian', 2, `${code}-hist`, ['Windows Server 2016', 'Windows Server 2019'], 'high', ['ot']],
];

// One row per item reads as a table.
// prettier-ignore
const SEGMENTS: SegmentPlan[] = [
  { id: 'tokyo-hq-office', name: 'Tokyo HQ office network', entity: 'hik-hd', site: 'tokyo-hq', cidr: '10.10.0.0/20', hosts: office(599, 'tyo') },
  { id: 'tokyo-hq-server', name: 'Tokyo HQ data centre', entity: 'hik-hd', site: 'tokyo-hq', cidr: '10.10.32.0/22', hosts: servers(6, 'tyo'), external: [net('cloud', 'Microsoft 365 tenant (Japan)')] },
  { id: 'tokyo-hq-factory', name: 'Tokyo HQ factory (OT)', entity: 'hik-hd', site: 'tokyo-hq', cidr: '10.10.64.0/22', hosts: [...plant(44, 'tyo'), ['workstation', 12, 'tyo-eng', ['Windows 10'], 'medium', ['ot']]], external: [net('partner', 'Equipment vendor remote maintenance')] },
  { id: 'tokyo-hq-mgmt', name: 'Tokyo HQ management and identity', entity: 'hik-hd', site: 'tokyo-hq', cidr: '10.10.96.0/24', hosts: [...identity(4, 'tyo'), ['pki', 2, 'tyo-ca', ['Windows Server 2019'], 'critical', ['tier0']], ['monitoring', 2, 'tyo-mon', ['Ubuntu 22.04'], 'medium'], gateway('tyo', ['tokyo-hq-office', 'tokyo-hq-server', 'tokyo-hq-factory', 'tokyo-hq-mgmt', 'tokyo-hq-dmz'])] },
  { id: 'tokyo-hq-dmz', name: 'Tokyo HQ DMZ', entity: 'hik-hd', site: 'tokyo-hq', cidr: '10.10.250.0/24', hosts: [['mail', 2, 'tyo-relay', ['Ubuntu 22.04'], 'high'], ['proxy', 2, 'tyo-proxy', LINUX, 'high'], ['vpn-gateway', 2, 'tyo-vpn', ['RHEL 9'], 'critical'], ['web-server', 4, 'tyo-web', LINUX, 'medium']], external: [net('internet', 'Tokyo internet breakout'), net('vpn', 'Remote-access VPN (Japan)')] },
  { id: 'eu-hub-server', name: 'European hub data centre', entity: 'hik-eu', site: 'amsterdam-hub', cidr: '10.40.0.0/22', hosts: servers(3, 'ams'), external: [net('internet', 'Amsterdam internet breakout'), net('partner', 'EDI with European distributors')] },
  { id: 'eu-hub-mgmt', name: 'European hub management and identity', entity: 'hik-eu', site: 'amsterdam-hub', cidr: '10.40.8.0/24', hosts: [...identity(3, 'ams'), gateway('ams', ['eu-hub-server', 'eu-hub-mgmt', 'eu-hub-office'])] },
  { id: 'eu-hub-office', name: 'European hub office', entity: 'hik-eu', site: 'amsterdam-hub', cidr: '10.40.16.0/22', hosts: office(139, 'ams'), external: [net('vpn', 'Remote-access VPN (EMEA)')] },
  { id: 'tilburg-office', name: 'Tilburg plant office', entity: 'hik-nl', site: 'tilburg-plant', cidr: '10.41.0.0/22', hosts: [...office(149, 'tlb'), ['file-server', 2, 'tlb-fs', WIN_SERVER, 'high'], gateway('tlb', ['tilburg-office', 'tilburg-factory'])] },
  { id: 'tilburg-factory', name: 'Tilburg plant production (OT)', entity: 'hik-nl', site: 'tilburg-plant', cidr: '10.41.8.0/23', hosts: plant(30, 'tlb'), external: [net('partner', 'Machine supplier remote maintenance')] },
  { id: 'uk-office', name: 'Bedford office', entity: 'hik-uk', site: 'bedford', cidr: '10.42.0.0/22', hosts: office(179, 'bed'), external: [net('internet', 'Bedford local breakout')] },
  { id: 'uk-server', name: 'Bedford server room', entity: 'hik-uk', site: 'bedford', cidr: '10.42.8.0/24', hosts: [['domain-controller', 2, 'bed-dc', DC_OS, 'critical', ['tier0']], ...servers(1, 'bed').filter(([role]) => role !== 'mail'), gateway('bed', ['uk-office', 'uk-server', 'uk-print'])] },
  { id: 'uk-print', name: 'Bedford print production', entity: 'hik-uk', site: 'bedford', cidr: '10.42.16.0/24', hosts: [['print-controller', 12, 'bed-rip', ['Windows Server 2016', 'Windows 10'], 'high'], ['workstation', 10, 'bed-pre', CLIENT, 'medium', ['prepress']]], external: [net('partner', 'Customer artwork upload (SFTP)')] },
  { id: 'de-office', name: 'Düsseldorf office', entity: 'hik-de', site: 'duesseldorf', cidr: '10.43.0.0/22', hosts: office(159, 'dus'), external: [net('internet', 'Düsseldorf local breakout')] },
  { id: 'de-server', name: 'Düsseldorf server room', entity: 'hik-de', site: 'duesseldorf', cidr: '10.43.8.0/24', hosts: [['domain-controller', 2, 'dus-dc', DC_OS, 'critical', ['tier0']], ...servers(1, 'dus').filter(([role]) => role !== 'mail'), gateway('dus', ['de-office', 'de-server'])] },
  { id: 'us-office', name: 'Valhalla office', entity: 'hik-us', site: 'valhalla', cidr: '10.60.0.0/21', hosts: office(314, 'val'), external: [net('internet', 'Valhalla internet breakout'), net('vpn', 'Remote-access VPN (Americas)')] },
  { id: 'us-server', name: 'Valhalla data centre', entity: 'hik-us', site: 'valhalla', cidr: '10.60.16.0/22', hosts: servers(3, 'val'), external: [net('cloud', 'Azure East US subscription'), net('partner', 'EDI with US distributors')] },
  { id: 'us-mgmt', name: 'Valhalla management and identity', entity: 'hik-us', site: 'valhalla', cidr: '10.60.24.0/24', hosts: [...identity(3, 'val'), gateway('val', ['us-office', 'us-server', 'us-mgmt'])] },
  { id: 'us-plant', name: 'Greenwood plant (OT)', entity: 'hik-us', site: 'greenwood-plant', cidr: '10.60.32.0/23', hosts: [...plant(24, 'gwd'), ['workstation', 29, 'gwd-ws', CLIENT, 'low'], gateway('gwd', ['us-plant'])] },
];

/** from, to, ports, bidirectional. */
// One row per item reads as a table.
// prettier-ignore
const LINKS: [string, string, Link['ports'], boolean][] = [
  ['tokyo-hq-office', 'tokyo-hq-mgmt', AD_PORTS, false],
  ['tokyo-hq-office', 'tokyo-hq-server', ['tcp/445', 'tcp/443', 'tcp/80', 'tcp/587'], false],
  ['tokyo-hq-office', 'tokyo-hq-dmz', ['tcp/443', 'tcp/8080'], false],
  ['tokyo-hq-server', 'tokyo-hq-mgmt', AD_PORTS, false],
  ['tokyo-hq-mgmt', 'tokyo-hq-server', 'any', false],
  ['tokyo-hq-mgmt', 'tokyo-hq-office', ['tcp/3389', 'tcp/445', 'tcp/5985'], false],
  ['tokyo-hq-mgmt', 'tokyo-hq-factory', ['tcp/3389'], false],
  ['tokyo-hq-factory', 'tokyo-hq-server', ['tcp/443', 'tcp/1433'], false],
  ['tokyo-hq-factory', 'tokyo-hq-mgmt', AD_PORTS, false],
  ['tokyo-hq-dmz', 'tokyo-hq-server', ['tcp/25', 'tcp/443'], true],
  ['eu-hub-server', 'tokyo-hq-server', 'any', true],
  ['eu-hub-mgmt', 'tokyo-hq-mgmt', AD_PORTS, true],
  ['us-server', 'tokyo-hq-server', 'any', true],
  ['us-mgmt', 'tokyo-hq-mgmt', AD_PORTS, true],
  ['eu-hub-office', 'eu-hub-mgmt', AD_PORTS, false],
  ['eu-hub-office', 'eu-hub-server', ['tcp/445', 'tcp/443', 'tcp/587'], false],
  ['eu-hub-mgmt', 'eu-hub-server', 'any', false],
  ['tilburg-office', 'eu-hub-mgmt', AD_PORTS, false],
  ['tilburg-office', 'eu-hub-server', ['tcp/445', 'tcp/443', 'tcp/587'], false],
  ['tilburg-factory', 'eu-hub-server', ['tcp/443', 'tcp/1433'], false],
  ['eu-hub-mgmt', 'tilburg-factory', ['tcp/3389'], false],
  ['uk-office', 'uk-server', ['tcp/445', 'tcp/443', ...AD_PORTS.filter((port) => port !== 'tcp/445')], false],
  ['uk-office', 'eu-hub-server', ['tcp/443', 'tcp/587'], false],
  ['uk-office', 'uk-print', ['tcp/9100', 'tcp/631', 'tcp/445'], false],
  ['uk-print', 'uk-server', ['tcp/445', 'tcp/443'], false],
  ['uk-server', 'eu-hub-mgmt', AD_PORTS, true],
  ['uk-server', 'eu-hub-server', 'any', true],
  ['de-office', 'de-server', ['tcp/445', 'tcp/443', ...AD_PORTS.filter((port) => port !== 'tcp/445')], false],
  ['de-office', 'eu-hub-server', ['tcp/443', 'tcp/587'], false],
  ['de-server', 'eu-hub-mgmt', AD_PORTS, true],
  ['de-server', 'eu-hub-server', 'any', true],
  ['us-office', 'us-mgmt', AD_PORTS, false],
  ['us-office', 'us-server', ['tcp/445', 'tcp/443', 'tcp/587'], false],
  ['us-mgmt', 'us-server', 'any', false],
  ['us-plant', 'us-server', ['tcp/443', 'tcp/1433'], false],
  ['us-plant', 'us-mgmt', AD_PORTS, false],
];

/** A host selection for a service: segment, role, first index, count. */
type HostPick = [string, string, number, number];
/** id, name, entity, hosts, dependsOn, criticality, throughput per hour and unit. */
type ServicePlan = [string, string, string, HostPick[], string[], Criticality, [number, string]?];

// One row per item reads as a table.
// prettier-ignore
const SERVICES: ServicePlan[] = [
  ['identity-jp', 'Active Directory (Japan)', 'hik-hd', [['tokyo-hq-mgmt', 'domain-controller', 0, 4]], [], 'critical'],
  ['email-jp', 'E-mail (Japan)', 'hik-hd', [['tokyo-hq-server', 'mail', 0, 6], ['tokyo-hq-dmz', 'mail', 0, 2]], ['identity-jp'], 'high'],
  ['erp-jp', 'ERP (Japan)', 'hik-hd', [['tokyo-hq-server', 'app-server', 0, 10], ['tokyo-hq-server', 'database', 0, 4]], ['identity-jp'], 'critical'],
  ['order-intake-jp', 'Order intake (Japan)', 'hik-hd', [['tokyo-hq-server', 'app-server', 10, 6], ['tokyo-hq-dmz', 'web-server', 0, 4]], ['identity-jp', 'erp-jp', 'email-jp'], 'critical', [1200, 'orders']],
  ['billing-jp', 'Billing (Japan)', 'hik-hd', [['tokyo-hq-server', 'app-server', 16, 4], ['tokyo-hq-server', 'database', 4, 2]], ['identity-jp', 'erp-jp'], 'high', [800, 'invoices']],
  ['mes-tokyo', 'Manufacturing execution (Tokyo)', 'hik-hd', [['tokyo-hq-factory', 'historian', 0, 2], ['tokyo-hq-server', 'app-server', 20, 2]], ['identity-jp', 'erp-jp'], 'high', [350, 'units']],
  ['identity-emea', 'Active Directory (EMEA)', 'hik-eu', [['eu-hub-mgmt', 'domain-controller', 0, 3], ['uk-server', 'domain-controller', 0, 2], ['de-server', 'domain-controller', 0, 2]], [], 'critical'],
  ['email-emea', 'E-mail (EMEA)', 'hik-eu', [['eu-hub-server', 'mail', 0, 3]], ['identity-emea'], 'high'],
  ['erp-emea', 'ERP (EMEA)', 'hik-eu', [['eu-hub-server', 'app-server', 0, 6], ['eu-hub-server', 'database', 0, 3]], ['identity-emea'], 'critical'],
  ['billing-emea', 'Billing (EMEA)', 'hik-eu', [['eu-hub-server', 'app-server', 6, 3], ['eu-hub-server', 'database', 3, 2]], ['identity-emea', 'erp-emea', 'email-emea'], 'high', [600, 'invoices']],
  ['order-intake-nl', 'Order intake (Netherlands)', 'hik-nl', [['eu-hub-server', 'app-server', 9, 3]], ['identity-emea', 'erp-emea'], 'high', [300, 'orders']],
  ['mes-tilburg', 'Manufacturing execution (Tilburg)', 'hik-nl', [['tilburg-factory', 'historian', 0, 2]], ['identity-emea', 'erp-emea'], 'high', [240, 'units']],
  ['order-intake-uk', 'Order intake (UK)', 'hik-uk', [['uk-server', 'app-server', 0, 4], ['uk-server', 'database', 0, 2]], ['identity-emea', 'erp-emea', 'email-emea'], 'critical', [450, 'orders']],
  ['print-production-uk', 'Print production (UK)', 'hik-uk', [['uk-print', 'print-controller', 0, 12]], ['identity-emea', 'order-intake-uk'], 'critical', [220, 'print jobs']],
  ['order-intake-de', 'Order intake (Germany)', 'hik-de', [['de-server', 'app-server', 0, 4], ['de-server', 'database', 0, 2]], ['identity-emea', 'erp-emea', 'email-emea'], 'critical', [380, 'orders']],
  ['identity-us', 'Active Directory (Americas)', 'hik-us', [['us-mgmt', 'domain-controller', 0, 3]], [], 'critical'],
  ['email-us', 'E-mail (Americas)', 'hik-us', [['us-server', 'mail', 0, 3]], ['identity-us'], 'high'],
  ['erp-us', 'ERP (Americas)', 'hik-us', [['us-server', 'app-server', 0, 8], ['us-server', 'database', 0, 3]], ['identity-us'], 'critical'],
  ['order-intake-us', 'Order intake (US)', 'hik-us', [['us-server', 'app-server', 8, 6]], ['identity-us', 'erp-us', 'email-us'], 'critical', [900, 'orders']],
  ['billing-us', 'Billing (US)', 'hik-us', [['us-server', 'app-server', 14, 4], ['us-server', 'database', 3, 2]], ['identity-us', 'erp-us'], 'high', [700, 'invoices']],
  ['mes-greenwood', 'Manufacturing execution (Greenwood)', 'hik-us', [['us-plant', 'historian', 0, 2]], ['identity-us', 'erp-us'], 'high', [180, 'units']],
];

/** id, name, host (segment, role, index), personal data, subject countries, records (approx.), encrypted. */
type StorePlan = [string, string, [string, string, number], string[], string[], number, boolean];

// One row per item reads as a table.
// prettier-ignore
const DATA_STORES: StorePlan[] = [
  ['crm-jp', 'Customer database (Japan)', ['tokyo-hq-server', 'database', 0], ['contact', 'financial'], ['JP'], 1_850_000, true],
  ['hr-jp', 'HR and payroll (Japan)', ['tokyo-hq-server', 'database', 5], ['employee', 'financial', 'health'], ['JP'], 9_800, true],
  ['ad-jp', 'Directory (Japan)', ['tokyo-hq-mgmt', 'domain-controller', 0], ['employee', 'credentials'], ['JP'], 10_500, false],
  ['crm-emea', 'Customer database (EMEA)', ['eu-hub-server', 'database', 0], ['contact', 'financial'], ['GB', 'DE', 'NL', 'FR', 'BE', 'IE'], 740_000, true],
  ['hr-emea', 'HR and payroll (EMEA)', ['eu-hub-server', 'database', 5], ['employee', 'financial', 'health'], ['GB', 'DE', 'NL'], 2_400, true],
  ['customers-uk', 'Customer accounts (UK)', ['uk-server', 'database', 0], ['contact', 'financial'], ['GB'], 210_000, false],
  ['artwork-uk', 'Customer artwork and job tickets (UK)', ['uk-print', 'print-controller', 0], ['contact'], ['GB', 'IE'], 48_000, false],
  ['customers-de', 'Customer accounts (Germany)', ['de-server', 'database', 0], ['contact', 'financial'], ['DE', 'AT', 'CH'], 160_000, true],
  ['crm-us', 'Customer database (Americas)', ['us-server', 'database', 0], ['contact', 'financial'], ['US', 'CA'], 1_200_000, false],
  ['hr-us', 'HR and payroll (Americas)', ['us-server', 'database', 5], ['employee', 'financial', 'health'], ['US'], 2_100, true],
];

/**
 * Generates the demo estate. The structure (entities, segments, about 2,000 hosts, links, services, data
 * stores) is fixed; the seed varies details such as OS versions, criticality, tags and record counts.
 *
 * @example exportEstate(generateDemoEstate(), 'yaml') // what `firebreak demo estate` prints
 */
export function generateDemoEstate(options: DemoEstateOptions = {}): EstateDocument {
  const random = mulberry32(options.seed ?? 2021);
  const hosts = SEGMENTS.flatMap((segment) => segmentHosts(segment, random));
  const pick = (segment: string, role: string, from: number, count: number): string[] =>
    hosts
      .filter((host) => host.segment === segment && host.role === role)
      .slice(from, from + count)
      .map((host) => host.hostname);
  return {
    version: 1,
    ...ORGANISATION,
    segments: SEGMENTS.map(({ id, name, entity, site, cidr, external }) => ({
      id,
      name,
      entity,
      site,
      cidrs: [cidr],
      external: external ?? [],
    })),
    links: LINKS.map(([from, to, ports, bidirectional]) => ({ from, to, ports, bidirectional })),
    hosts,
    services: SERVICES.map((plan) => toService(plan, pick)),
    dataStores: DATA_STORES.map((plan) => toDataStore(plan, pick, random)),
  };
}

type Flag = keyof Entity['flags'];
const NO_FLAGS: Entity['flags'] = {
  listedCompany: false,
  financialEntity: false,
  essentialEntity: false,
  importantEntity: false,
};
const flags = (...set: Flag[]): Entity['flags'] => ({
  ...NO_FLAGS,
  ...Object.fromEntries(set.map((flag) => [flag, true])),
});

// prettier-ignore
const ORGANISATION: Pick<EstateDocument, 'regions' | 'entities' | 'sites'> = {
  regions: [
    { id: 'apac', name: 'Japan and Asia-Pacific' },
    { id: 'emea', name: 'Europe, Middle East and Africa' },
    { id: 'americas', name: 'Americas' },
  ],
  entities: [
    // Listed in Tokyo, with US-listed ADRs: SEC reporting applies to the parent.
    { id: 'hik-hd', name: 'Hikari Imaging Holdings Corporation', country: 'JP', region: 'apac', regulators: ['ppc-jp', 'jpx', 'sec'], flags: flags('listedCompany') },
    { id: 'hik-eu', name: 'Hikari Imaging Europe B.V.', country: 'NL', region: 'emea', regulators: ['ap-nl'], parent: 'hik-hd', flags: flags('importantEntity') },
    { id: 'hik-nl', name: 'Hikari Manufacturing Europe B.V.', country: 'NL', region: 'emea', regulators: ['ap-nl', 'ncsc-nl'], parent: 'hik-eu', flags: flags('importantEntity') },
    { id: 'hik-uk', name: 'Hikari Graphic Systems UK Ltd', country: 'GB', region: 'emea', regulators: ['ico'], parent: 'hik-eu', flags: flags() },
    // A private company's data protection authority in Germany is the state's (here North Rhine-Westphalia).
    { id: 'hik-de', name: 'Hikari Imaging Deutschland GmbH', country: 'DE', region: 'emea', regulators: ['ldi-nrw', 'bsi'], parent: 'hik-eu', flags: flags('importantEntity') },
    // US state breach laws: attorneys general of the states where customers live.
    { id: 'hik-us', name: 'Hikari Imaging Americas Corporation', country: 'US', region: 'americas', regulators: ['ftc', 'ny-ag', 'ca-ag'], parent: 'hik-hd', flags: flags() },
  ],
  sites: [
    { id: 'tokyo-hq', name: 'Tokyo headquarters', entity: 'hik-hd', country: 'JP', city: 'Tokyo' },
    { id: 'amsterdam-hub', name: 'European headquarters and data centre', entity: 'hik-eu', country: 'NL', city: 'Amsterdam' },
    { id: 'tilburg-plant', name: 'Tilburg plant', entity: 'hik-nl', country: 'NL', city: 'Tilburg' },
    { id: 'bedford', name: 'Bedford offices and print production', entity: 'hik-uk', country: 'GB', city: 'Bedford' },
    { id: 'duesseldorf', name: 'Düsseldorf offices', entity: 'hik-de', country: 'DE', city: 'Düsseldorf' },
    { id: 'valhalla', name: 'Americas headquarters and data centre', entity: 'hik-us', country: 'US', city: 'Valhalla, NY' },
    { id: 'greenwood-plant', name: 'Greenwood plant', entity: 'hik-us', country: 'US', city: 'Greenwood, SC' },
  ],
};

function segmentHosts(segment: SegmentPlan, random: Random): Host[] {
  const base = ipv4ToNumber(segment.cidr.split('/')[0] ?? '');
  let next = 10;
  return segment.hosts.flatMap(([role, count, code, oses, criticality, tags = []]) =>
    Array.from({ length: count }, (_, i): Host => {
      const number = String(i + 1).padStart(Math.max(2, String(count).length), '0');
      const extra = role === 'workstation' && random() < 0.6 ? ['laptop'] : [];
      return {
        hostname: `${code}${number}`,
        ips: [numberToIpv4(base + next++)],
        os: choose(oses, random),
        role,
        criticality: typeof criticality === 'string' ? criticality : choose(criticality, random),
        entity: segment.entity,
        segment: segment.id,
        tags: [...tags, ...extra],
      };
    }),
  );
}

function toService(
  [id, name, entity, picks, dependsOn, criticality, throughput]: ServicePlan,
  pick: (...p: HostPick) => string[],
): Service {
  const service: Service = { id, name, entity, hosts: picks.flatMap((p) => pick(...p)), dependsOn, criticality };
  return throughput === undefined
    ? service
    : { ...service, throughput: { perHour: throughput[0], unit: throughput[1] } };
}

function toDataStore(plan: StorePlan, pick: (...p: HostPick) => string[], random: Random): DataStore {
  const [id, name, [segment, role, index], personalData, subjectCountries, approx, encryptedAtRest] = plan;
  const [host = ''] = pick(segment, role, index, 1);
  const records = Math.round(approx * (0.9 + random() * 0.2));
  return { id, name, host, personalData, subjectCountries, records, encryptedAtRest };
}

function choose<T>(options: readonly T[], random: Random): T {
  return options[Math.floor(random() * options.length)] as T;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** mulberry32: a small, fast, seeded PRNG; plenty for demo data (not for secrets). */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
