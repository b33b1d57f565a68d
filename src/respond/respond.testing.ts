/**
 * Test helpers for the respond domain: a small estate shaped like the 2021 case (Tokyo hit, EMEA reachable over
 * the WAN, the Americas unlinked) and a scope built from plain lists.
 */
import { estateDocumentSchema, type EstateDocument, type EstateDocumentInput } from '../estate/index.js';
import type { ScopeItem, ScopeView } from '../incident/index.js';

const hosts = (segment: string, entity: string, names: string[], extra: { criticality?: 'low' | 'medium' | 'high' | 'critical'; tags?: string[] } = {}) =>
  names.map((hostname) => ({ hostname, os: 'windows-11', role: 'server', entity, segment, ...extra }));

/** Two APAC hosts segments, two EMEA entities linked to the Tokyo data centre, one unlinked US entity. */
export function estate2021(): EstateDocument {
  const input: EstateDocumentInput = {
    regions: [
      { id: 'apac', name: 'Asia-Pacific' },
      { id: 'emea', name: 'EMEA' },
      { id: 'amer', name: 'Americas' },
    ],
    entities: [
      { id: 'jp-hq', name: 'Holdings KK', country: 'JP', region: 'apac' },
      { id: 'uk-ltd', name: 'UK Ltd', country: 'GB', region: 'emea' },
      { id: 'de-gmbh', name: 'DE GmbH', country: 'DE', region: 'emea' },
      { id: 'us-inc', name: 'US Inc', country: 'US', region: 'amer' },
    ],
    segments: [
      { id: 'tokyo-office', name: 'Tokyo office', entity: 'jp-hq', cidrs: ['10.1.0.0/16'], external: [{ kind: 'internet', name: 'Tokyo breakout' }] },
      { id: 'tokyo-dc', name: 'Tokyo DC', entity: 'jp-hq', cidrs: ['10.2.0.0/16'] },
      { id: 'uk-office', name: 'UK office', entity: 'uk-ltd', cidrs: ['10.40.0.0/16'], external: [{ kind: 'internet', name: 'London breakout' }, { kind: 'vpn', name: 'UK VPN' }] },
      { id: 'de-office', name: 'DE office', entity: 'de-gmbh', cidrs: ['10.50.0.0/16'], external: [{ kind: 'internet', name: 'Frankfurt breakout' }] },
      { id: 'us-office', name: 'US office', entity: 'us-inc', cidrs: ['10.60.0.0/16'], external: [{ kind: 'internet', name: 'NY breakout' }] },
    ],
    links: [
      { from: 'tokyo-office', to: 'tokyo-dc' },
      { from: 'uk-office', to: 'tokyo-dc', ports: [445] },
      { from: 'de-office', to: 'uk-office' },
    ],
    hosts: [
      ...hosts('tokyo-office', 'jp-hq', ['tk-ws01', 'tk-ws02'], { criticality: 'low' }),
      ...hosts('tokyo-dc', 'jp-hq', ['tk-fs01'], { criticality: 'high', tags: ['edr:mde:4f1c9a'] }),
      ...hosts('tokyo-dc', 'jp-hq', ['tk-dc01'], { criticality: 'critical' }),
      ...hosts('uk-office', 'uk-ltd', ['uk-app01', 'uk-app02', 'uk-ws01']),
      ...hosts('de-office', 'de-gmbh', ['de-erp01']),
      ...hosts('us-office', 'us-inc', ['us-ws01']),
    ],
    services: [
      { id: 'jp-identity', name: 'JP identity', entity: 'jp-hq', hosts: ['tk-dc01'], criticality: 'critical' },
      { id: 'jp-files', name: 'JP files', entity: 'jp-hq', hosts: ['tk-fs01'], dependsOn: ['jp-identity'] },
      { id: 'uk-orders', name: 'UK orders', entity: 'uk-ltd', hosts: ['uk-app01', 'uk-app02'], throughput: { perHour: 120, unit: 'orders' } },
      { id: 'de-billing', name: 'DE billing', entity: 'de-gmbh', hosts: ['de-erp01'], dependsOn: ['uk-orders'], throughput: { perHour: 40, unit: 'invoices' } },
    ],
  };
  return estateDocumentSchema.parse(input);
}

/** A scope view from lists (`{ host: { 'tk-fs01': 'in_scope' } }`), owners taken from the estate as the server does. */
export function scopeOf(spec: Partial<Record<'host' | 'segment' | 'entity', Record<string, string>>>, doc: EstateDocument = estate2021()): ScopeView {
  const owner: Record<string, string> = {};
  for (const host of doc.hosts) owner[host.hostname] = host.entity;
  for (const segment of doc.segments) owner[segment.id] = segment.entity;
  const items = (kind: 'host' | 'segment' | 'entity'): ScopeItem[] =>
    Object.entries(spec[kind] ?? {}).map(([ref, state]) => ({
      kind,
      ref,
      state,
      entity: kind === 'entity' ? ref : (owner[ref] ?? null),
      updatedAt: '2021-06-01T22:00:00.000Z',
      history: [],
    }));
  return { host: items('host'), segment: items('segment'), entity: items('entity') };
}
