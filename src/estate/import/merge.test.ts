import { describe, expect, it } from 'vitest';
import { emptyEstate, estateDocumentSchema } from '../schema.js';
import type { EstateDocumentInput } from '../schema.js';
import { countImport, mergeEstate } from './merge.js';
import { prepareImport } from './prepare.js';

const doc = (input: EstateDocumentInput) => estateDocumentSchema.parse(input);
const host = (hostname: string, os: string) => ({ hostname, os, role: 'workstation', entity: 'uk', segment: 'office' });

describe('mergeEstate', () => {
  const existing = doc({
    hosts: [{ ...host('ws01', 'Windows 10'), agent: { id: 'agent-1', version: '1.0.0' } }, host('ws02', 'Windows 10')],
    links: [{ from: 'a', to: 'b', ports: [445] }],
  });

  it('replaces items with the same identity in place and appends new ones', () => {
    const merged = mergeEstate(existing, doc({ hosts: [host('ws02', 'Windows 11'), host('ws03', 'Windows 11')] }));
    expect(merged.hosts.map((h) => [h.hostname, h.os])).toEqual([
      ['ws01', 'Windows 10'],
      ['ws02', 'Windows 11'],
      ['ws03', 'Windows 11'],
    ]);
  });

  it('identifies links by from and to', () => {
    const merged = mergeEstate(
      existing,
      doc({
        links: [
          { from: 'a', to: 'b', ports: [3389] },
          { from: 'b', to: 'a' },
        ],
      }),
    );
    expect(merged.links).toEqual([
      { from: 'a', to: 'b', ports: [3389], bidirectional: true },
      { from: 'b', to: 'a', ports: 'any', bidirectional: true },
    ]);
  });

  it('keeps what agents reported when the import says nothing about the agent', () => {
    const merged = mergeEstate(existing, doc({ hosts: [host('ws01', 'Windows 11')] }));
    expect(merged.hosts[0]).toMatchObject({ os: 'Windows 11', agent: { id: 'agent-1' } });
  });

  it('changes neither argument', () => {
    const before = structuredClone(existing);
    mergeEstate(existing, doc({ hosts: [host('ws09', 'W')] }));
    expect(existing).toEqual(before);
  });

  it('counts created and updated items per kind', () => {
    const counts = countImport(existing, doc({ hosts: [host('ws02', 'W'), host('ws03', 'W')] }));
    expect(counts.hosts).toEqual({ created: 1, updated: 1 });
    expect(counts.links).toEqual({ created: 0, updated: 0 });
  });
});

describe('importing the same file twice', () => {
  it('updates and never duplicates', () => {
    const text = [
      'entities: [{ id: uk, name: UK, country: GB, region: emea }]',
      'segments:',
      '  - { id: office, name: Office, entity: uk, cidrs: [10.1.0.0/24] }',
      '  - { id: servers, name: Servers, entity: uk, cidrs: [10.2.0.0/24] }',
      'links: [{ from: office, to: servers, ports: [445] }]',
      'hosts: [{ hostname: ws01, ips: [10.1.0.5], os: W, role: r, entity: uk, segment: office }]',
    ].join('\n');
    const first = prepareImport(text, 'e.yaml', emptyEstate());
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    const second = prepareImport(text, 'e.yaml', first.merged);
    if (!second.ok) throw new Error(JSON.stringify(second.issues));
    expect(second.merged).toEqual(first.merged);
    expect(second.counts.hosts).toEqual({ created: 0, updated: 1 });
    expect(second.counts.links).toEqual({ created: 0, updated: 1 });
  });
});
