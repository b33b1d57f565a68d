/** Test data for the storage suite: an estate document and chained incident events. */
import { createHash, randomUUID } from 'node:crypto';
import {
  estateDocumentSchema,
  type EstateDocument,
  type EstateDocumentInput,
  type Host,
} from '../../src/estate/schema.js';
import { chainEvents } from '../../src/incident/chain.js';
import type { IncidentEvent, NewIncidentEvent } from '../../src/incident/event.js';
import type { IncidentSummary, TokenRecord, UserRecord } from '../../src/store/types.js';

export function estate(input: EstateDocumentInput): EstateDocument {
  return estateDocumentSchema.parse(input);
}

/** A small estate, each list deliberately out of order. */
export function baseEstate(): EstateDocument {
  return estate({
    regions: [
      { id: 'emea', name: 'EMEA' },
      { id: 'apac', name: 'Asia Pacific' },
    ],
    entities: [
      { id: 'fgs-uk', name: 'FGS UK', country: 'GB', region: 'emea', regulators: ['ico'] },
      { id: 'ff-jp', name: 'Fujifilm Japan', country: 'JP', region: 'apac', flags: { listedCompany: true } },
    ],
    sites: [{ id: 'tokyo-hq', name: 'Tokyo HQ', entity: 'ff-jp', country: 'JP', city: 'Tokyo' }],
    segments: [
      { id: 'uk-office', name: 'UK office', entity: 'fgs-uk', cidrs: ['10.20.0.0/16'] },
      {
        id: 'jp-servers',
        name: 'JP servers',
        entity: 'ff-jp',
        site: 'tokyo-hq',
        cidrs: ['10.1.0.0/16'],
        external: [{ kind: 'internet', name: 'breakout' }],
      },
    ],
    links: [
      { from: 'uk-office', to: 'jp-servers', ports: ['tcp/445', 443] },
      { from: 'jp-servers', to: 'uk-office', bidirectional: false },
    ],
    hosts: [
      {
        hostname: 'uk-fs01',
        ips: ['10.20.0.5'],
        os: 'Windows Server 2019',
        role: 'file-server',
        criticality: 'high',
        entity: 'fgs-uk',
        segment: 'uk-office',
      },
      {
        hostname: 'jp-dc01',
        ips: ['10.1.0.2'],
        os: 'Windows Server 2016',
        role: 'domain-controller',
        criticality: 'critical',
        entity: 'ff-jp',
        segment: 'jp-servers',
        agent: { id: 'a-1', version: '0.1.0' },
      },
      {
        hostname: 'jp-fs01',
        ips: ['10.1.0.5', '10.1.0.6'],
        os: 'Windows Server 2019',
        role: 'file-server',
        criticality: 'high',
        entity: 'ff-jp',
        segment: 'jp-servers',
        tags: ['backup'],
      },
      {
        hostname: 'uk-ws_1',
        ips: ['10.20.1.10'],
        os: 'Windows 11',
        role: 'workstation',
        criticality: 'low',
        entity: 'fgs-uk',
        segment: 'uk-office',
      },
    ],
    services: [
      {
        id: 'orders',
        name: 'Order intake',
        entity: 'fgs-uk',
        hosts: ['uk-fs01'],
        dependsOn: ['identity'],
        throughput: { perHour: 120, unit: 'orders' },
      },
    ],
    dataStores: [
      {
        id: 'crm',
        name: 'CRM',
        host: 'uk-fs01',
        personalData: ['contact'],
        subjectCountries: ['GB'],
        records: 50000,
        encryptedAtRest: true,
      },
    ],
  });
}

/** The document as `load()` returns it: every list ordered by its key. */
export function sortedEstate(doc: EstateDocument): EstateDocument {
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => compare(a.id, b.id));
  return {
    ...doc,
    regions: byId(doc.regions),
    entities: byId(doc.entities),
    sites: byId(doc.sites),
    segments: byId(doc.segments),
    links: [...doc.links].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)),
    hosts: [...doc.hosts].sort((a, b) => compare(a.hostname, b.hostname)),
    services: byId(doc.services),
    dataStores: byId(doc.dataStores),
  };
}

/** Byte order, as PostgreSQL's "C"-like comparison of these ASCII ids. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function manyHosts(count: number, prefix = 'bulk'): Host[] {
  return Array.from({ length: count }, (_, i) => ({
    hostname: `${prefix}-${String(i).padStart(6, '0')}`,
    ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    os: 'Ubuntu 22.04',
    role: i % 10 === 0 ? 'database' : 'app-server',
    criticality: i % 3 === 0 ? 'high' : 'medium',
    entity: i % 2 === 0 ? 'fgs-uk' : 'ff-jp',
    segment: i % 2 === 0 ? 'uk-office' : 'jp-servers',
    tags: [],
  }));
}

let clock = Date.parse('2021-06-01T22:30:00.000Z');

/** Strictly increasing ISO times, so that "newest first" has one answer. */
export function tick(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

export function drafts(count: number, type = 'note.added'): NewIncidentEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    at: tick(),
    actor: 'user:alice',
    type,
    payload: { text: `note ${i}`, nested: { list: [1, 2.5, 'x'], none: null, flag: true } },
  }));
}

export interface OpenOptions {
  title?: string;
  state?: string;
  severity?: string;
  entities?: string[];
}

/** A `create` builder: an `incident.opened` event and its summary. */
export function opened(options: OpenOptions = {}) {
  return (id: string): { events: IncidentEvent[]; summary: IncidentSummary } => {
    const [draft] = drafts(1, 'incident.opened');
    const events = chainEvents(undefined, id, [{ ...draft!, payload: { title: options.title ?? 'Ransomware' } }]);
    const last = events.at(-1)!;
    const summary: IncidentSummary = {
      id,
      title: options.title ?? 'Ransomware',
      state: options.state ?? 'detected',
      severity: options.severity ?? 'high',
      entities: options.entities ?? [],
      commander: null,
      openedAt: last.at,
      updatedAt: last.at,
      lastSeq: last.seq,
      lastHash: last.hash,
    };
    return { events, summary };
  };
}

/** Chains `count` notes after the summary and returns the events and the summary that ends on them. */
export function notesAfter(summary: IncidentSummary, count: number, patch: Partial<IncidentSummary> = {}) {
  const events = chainEvents({ seq: summary.lastSeq, hash: summary.lastHash }, summary.id, drafts(count));
  const last = events.at(-1)!;
  return { events, summary: { ...summary, ...patch, updatedAt: last.at, lastSeq: last.seq, lastHash: last.hash } };
}

export function user(username: string, patch: Partial<UserRecord> = {}): UserRecord {
  return {
    username,
    displayName: username.toUpperCase(),
    role: 'responder',
    entities: ['fgs-uk'],
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    disabled: false,
    createdAt: '2021-06-01T00:00:00.000Z',
    ...patch,
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function token(id: string, username: string, patch: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id,
    username,
    kind: 'session',
    name: `session ${id}`,
    secretHash: sha256(`secret-${id}`),
    createdAt: '2021-06-01T00:00:00.000Z',
    expiresAt: '2021-06-02T00:00:00.000Z',
    lastUsedAt: null,
    ...patch,
  };
}
