import { describe, expect, it } from 'vitest';
import { estateDocumentSchema } from '../schema.js';
import { rowItems } from './lookup.js';
import { buildEstateIndex } from './estate-index.js';
import { miniEstate } from './estate-fixture.js';

describe('buildEstateIndex', () => {
  const doc = miniEstate({
    entities: { uk: 'emea' },
    segments: { a: 'uk', b: 'uk', c: 'uk' },
    hosts: { a: ['a1', 'a2'], b: ['b1'] },
    links: [
      { from: 'a', to: 'b', ports: [445] },
      { from: 'b', to: 'c', bidirectional: false },
    ],
    services: [
      { id: 'core', hosts: ['a1'] },
      { id: 'app', hosts: ['b1', 'b1'], dependsOn: ['core'] },
    ],
  });
  const index = buildEstateIndex(doc);
  const seg = (id: string) => index.segments.ids.get(id);
  const names = (ids: Int32Array, list: readonly string[]) => Array.from(ids, (i) => list[i]);

  it('groups hosts by segment and entity', () => {
    expect(names(rowItems(index.segments.hosts, seg('a')), index.hosts.ids.ids)).toEqual(['a1', 'a2']);
    expect(rowItems(index.entities.hosts, index.entities.ids.get('uk')).length).toBe(3);
  });

  it('turns links into directed edges with their port sets', () => {
    const segs = index.segments.ids.ids;
    expect(names(rowItems(index.segments.links, seg('a')), segs)).toEqual(['b']);
    expect(names(rowItems(index.segments.links, seg('b')), segs)).toEqual(['a', 'c']);
    expect(names(rowItems(index.segments.links, seg('c')), segs)).toEqual([]);
    expect(index.portSets).toEqual(['any', ['445']]);
  });

  it('keeps service dependencies, their reverse, and de-duplicated hosts', () => {
    const svc = index.services.ids;
    expect(names(rowItems(index.services.dependents, svc.get('core')), svc.ids)).toEqual(['app']);
    expect(rowItems(index.services.hosts, svc.get('app')).length).toBe(1);
  });

  it('lists dangling references and duplicates as issues instead of throwing', () => {
    const broken = estateDocumentSchema.parse({
      ...doc,
      hosts: [...doc.hosts, { ...doc.hosts[0]!, segment: 'nowhere' }, { ...doc.hosts[1]!, hostname: 'x1', segment: 'nowhere' }],
      links: [{ from: 'a', to: 'mars' }],
      services: [{ id: 's', name: 's', entity: 'uk', hosts: ['ghost'], dependsOn: ['nothing'] }],
      dataStores: [{ id: 'd', name: 'd', host: 'ghost' }],
    });
    const messages = buildEstateIndex(broken).issues.map((i) => `${i.field}: ${i.message}`);
    expect(messages).toEqual([
      "hosts[3].hostname: duplicate id 'a1'; the first one is kept",
      "hosts[4].segment: unknown segment 'nowhere'; ignored",
      "links[0].to: unknown segment 'mars'; ignored",
      "services[0].hosts[0]: unknown host 'ghost'; ignored",
      "services[0].dependsOn[0]: unknown service 'nothing'; ignored",
      "dataStores[0].host: unknown host 'ghost'; ignored",
    ]);
  });
});
