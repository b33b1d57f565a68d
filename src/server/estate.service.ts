/**
 * The estate for the API: the loaded document and its graph index, cached per estate revision (so every node
 * of a scaled-out deployment sees imports made through the others), imports serialised, and views trimmed to
 * the caller's entities.
 */
import { buildEstateIndex, type EstateIndex } from '../estate/graph/index.js';
import { prepareImport } from '../estate/import/index.js';
import type { EstateDocument, EstateSummary } from '../estate/schema.js';
import { UserError } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';

interface Cached {
  revision: number;
  doc: EstateDocument;
  index?: EstateIndex;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  dryRun: boolean;
  counts: Record<string, number>;
  revision: number;
}

export class EstateService {
  private cache: Cached | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  async current(): Promise<{ doc: EstateDocument; revision: number }> {
    const revision = await this.store.estate.revision();
    if (this.cache?.revision !== revision) this.cache = { revision, doc: await this.store.estate.load() };
    return this.cache;
  }

  async index(): Promise<EstateIndex> {
    await this.current();
    const cached = this.cache as Cached;
    cached.index ??= buildEstateIndex(cached.doc);
    return cached.index;
  }

  /** Checks a file against the current estate and, unless a dry run, writes it. All or nothing. */
  importText(content: string, filename: string, format: 'yaml' | 'json' | 'csv' | undefined, dryRun: boolean): Promise<ImportOutcome> {
    return this.serialised(async () => {
      const { doc } = await this.current();
      const prepared = prepareImport(content, filename, doc, format);
      if (!prepared.ok) {
        const n = prepared.issues.length;
        throw new UserError('validation_failed', `${filename}: ${n} problem${n === 1 ? '' : 's'} found; nothing was imported`, prepared.issues);
      }
      const counts = countKinds(prepared.incoming);
      if (dryRun) return { created: 0, updated: 0, dryRun, counts, revision: await this.store.estate.revision() };
      const written = await this.store.estate.upsert(prepared.incoming);
      return { ...written, dryRun, counts, revision: await this.store.estate.revision() };
    });
  }

  /** Writes a document known to be valid (the demo estate on first start). */
  replaceWithDocument(doc: EstateDocument): Promise<{ created: number; updated: number }> {
    return this.serialised(() => this.store.estate.upsert(doc));
  }

  /** The owning entity of a host, segment or entity, or undefined when it does not exist. */
  async entityOf(kind: 'host' | 'segment' | 'entity', ref: string): Promise<string | undefined> {
    const { doc } = await this.current();
    if (kind === 'entity') return doc.entities.some((e) => e.id === ref) ? ref : undefined;
    if (kind === 'segment') return doc.segments.find((s) => s.id === ref)?.entity;
    return doc.hosts.find((h) => h.hostname === ref)?.entity;
  }

  /** The part of the estate the principal may see. */
  async visibleDocument(principal: Principal): Promise<EstateDocument> {
    const { doc } = await this.current();
    return principal.entities === '*' ? doc : scopeDocument(doc, (e) => inScope(principal, e));
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function countKinds(doc: EstateDocument): Record<string, number> {
  return {
    regions: doc.regions.length,
    entities: doc.entities.length,
    sites: doc.sites.length,
    segments: doc.segments.length,
    links: doc.links.length,
    hosts: doc.hosts.length,
    services: doc.services.length,
    dataStores: doc.dataStores.length,
  };
}

/** Keeps the records of entities that pass the test (links when either end does, data stores by host). */
export function scopeDocument(doc: EstateDocument, keep: (entity: string) => boolean): EstateDocument {
  const entities = doc.entities.filter((e) => keep(e.id));
  const regions = new Set(entities.map((e) => e.region));
  const segments = doc.segments.filter((s) => keep(s.entity));
  const segmentIds = new Set(segments.map((s) => s.id));
  const hosts = doc.hosts.filter((h) => keep(h.entity));
  const hostnames = new Set(hosts.map((h) => h.hostname));
  return {
    version: 1,
    regions: doc.regions.filter((r) => regions.has(r.id)),
    entities,
    sites: doc.sites.filter((s) => keep(s.entity)),
    segments,
    links: doc.links.filter((l) => segmentIds.has(l.from) || segmentIds.has(l.to)),
    hosts,
    services: doc.services.filter((s) => keep(s.entity)),
    dataStores: doc.dataStores.filter((d) => hostnames.has(d.host)),
  };
}

export function summarise(doc: EstateDocument): EstateSummary {
  const hostsByCriticality = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const h of doc.hosts) hostsByCriticality[h.criticality]++;
  const entitiesByRegion: Record<string, number> = {};
  for (const e of doc.entities) entitiesByRegion[e.region] = (entitiesByRegion[e.region] ?? 0) + 1;
  const regionIds = new Set([...doc.regions.map((r) => r.id), ...doc.entities.map((e) => e.region)]);
  return { ...countKinds(doc), regions: regionIds.size, hostsByCriticality, entitiesByRegion } as EstateSummary;
}
