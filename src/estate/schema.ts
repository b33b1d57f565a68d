/**
 * The estate model: legal entities, sites, network segments and their links, hosts, business services and
 * data stores. These zod schemas are the contract shared by import, storage, the API, the CLI and the UI.
 *
 * Identifiers are short slugs (`fgs-uk`, `tokyo-hq-office`); hosts are identified by hostname.
 */
import { z } from 'zod';

export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a lower-case id of letters, digits, ".", "_" or "-" (max 80)');

export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as GB');

export const criticalitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Criticality = z.infer<typeof criticalitySchema>;

export const entityFlagsSchema = z
  .object({
    listedCompany: z.boolean().default(false),
    financialEntity: z.boolean().default(false),
    essentialEntity: z.boolean().default(false),
    importantEntity: z.boolean().default(false),
  })
  .strict();

export const regionSchema = z.object({ id: idSchema, name: z.string().min(1) }).strict();
export type Region = z.infer<typeof regionSchema>;

export const entitySchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    country: countrySchema,
    /** Region id, e.g. `emea`. */
    region: idSchema,
    /** Regulator ids, e.g. `ico`, `ppc-jp`, `sec`. */
    regulators: z.array(z.string().min(1)).default([]),
    /** Parent entity id, for group structures. */
    parent: idSchema.optional(),
    flags: entityFlagsSchema.default({
      listedCompany: false,
      financialEntity: false,
      essentialEntity: false,
      importantEntity: false,
    }),
  })
  .strict();
export type Entity = z.infer<typeof entitySchema>;

export const siteSchema = z
  .object({ id: idSchema, name: z.string().min(1), entity: idSchema, country: countrySchema, city: z.string().optional() })
  .strict();
export type Site = z.infer<typeof siteSchema>;

export const cidrSchema = z.string().min(1);

export const externalLinkSchema = z
  .object({
    kind: z.enum(['internet', 'partner', 'vpn', 'cloud']),
    name: z.string().min(1),
  })
  .strict();
export type ExternalLink = z.infer<typeof externalLinkSchema>;

export const segmentSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    entity: idSchema,
    site: idSchema.optional(),
    cidrs: z.array(cidrSchema).min(1),
    /** Connectivity that leaves the estate: internet breakout, partner links, remote-access VPN. */
    external: z.array(externalLinkSchema).default([]),
  })
  .strict();
export type Segment = z.infer<typeof segmentSchema>;

/** A port spec: `445`, `tcp/445`, `udp/53`, `tcp/8000-8080`. */
export const portSpecSchema = z.union([
  z.number().int().min(1).max(65535),
  z.string().regex(/^(tcp|udp)\/\d{1,5}(-\d{1,5})?$/, 'expected a port such as 445, "tcp/445" or "tcp/8000-8080"'),
]);

export const linkSchema = z
  .object({
    from: idSchema,
    to: idSchema,
    /** `any`, or the ports that `from` may open towards `to`. */
    ports: z.union([z.literal('any'), z.array(portSpecSchema).min(1)]).default('any'),
    /** When true (the default), `to` may also open connections towards `from` on the same ports. */
    bidirectional: z.boolean().default(true),
  })
  .strict();
export type Link = z.infer<typeof linkSchema>;

export const agentInfoSchema = z
  .object({ id: z.string().min(1).optional(), version: z.string().optional(), lastSeen: z.string().optional() })
  .strict();

export const hostSchema = z
  .object({
    hostname: idSchema,
    ips: z.array(z.string().min(1)).default([]),
    os: z.string().min(1),
    role: z.string().min(1),
    criticality: criticalitySchema.default('medium'),
    entity: idSchema,
    segment: idSchema,
    tags: z.array(z.string().min(1)).default([]),
    agent: agentInfoSchema.optional(),
  })
  .strict();
export type Host = z.infer<typeof hostSchema>;

export const throughputSchema = z
  .object({ perHour: z.number().nonnegative(), unit: z.string().min(1) })
  .strict();

export const serviceSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    /** The entity that owns the service and whose business stops when it stops. */
    entity: idSchema,
    /** Hostnames the service runs on. */
    hosts: z.array(idSchema).default([]),
    /** Other services this one needs (identity, e-mail, a database service). */
    dependsOn: z.array(idSchema).default([]),
    throughput: throughputSchema.optional(),
    criticality: criticalitySchema.default('medium'),
  })
  .strict();
export type Service = z.infer<typeof serviceSchema>;

export const dataStoreSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    host: idSchema,
    /** Personal data categories, e.g. `contact`, `financial`, `health`, `employee`, `credentials`. */
    personalData: z.array(z.string().min(1)).default([]),
    /** Countries of the data subjects (ISO alpha-2). */
    subjectCountries: z.array(countrySchema).default([]),
    records: z.number().int().nonnegative().default(0),
    encryptedAtRest: z.boolean().default(false),
  })
  .strict();
export type DataStore = z.infer<typeof dataStoreSchema>;

/** A whole estate document, as imported and exported. Every list is optional so that partial files merge. */
export const estateDocumentSchema = z
  .object({
    version: z.literal(1).default(1),
    regions: z.array(regionSchema).default([]),
    entities: z.array(entitySchema).default([]),
    sites: z.array(siteSchema).default([]),
    segments: z.array(segmentSchema).default([]),
    links: z.array(linkSchema).default([]),
    hosts: z.array(hostSchema).default([]),
    services: z.array(serviceSchema).default([]),
    dataStores: z.array(dataStoreSchema).default([]),
  })
  .strict();
export type EstateDocument = z.infer<typeof estateDocumentSchema>;
/** The shape accepted on input (defaults not yet applied). */
export type EstateDocumentInput = z.input<typeof estateDocumentSchema>;

/** Counts of each kind, as shown on the summary. */
export interface EstateSummary {
  regions: number;
  entities: number;
  sites: number;
  segments: number;
  links: number;
  hosts: number;
  services: number;
  dataStores: number;
  hostsByCriticality: Record<Criticality, number>;
  entitiesByRegion: Record<string, number>;
}

export function emptyEstate(): EstateDocument {
  return estateDocumentSchema.parse({});
}
