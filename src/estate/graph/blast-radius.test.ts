import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { blastRadius } from './blast-radius.js';
import { buildEstateIndex } from './estate-index.js';
import { miniEstate, type MiniEstate } from './estate-fixture.js';

const base: MiniEstate = {
  entities: { 'fgs-uk': 'emea', 'fuji-jp': 'japan' },
  segments: { office: 'fgs-uk', dc: 'fgs-uk', backup: 'fgs-uk', tokyo: 'fuji-jp' },
  hosts: { office: ['ws1', 'ws2'], dc: ['fs1', 'db1'], backup: ['bk1'], tokyo: ['tk1'] },
};

function radius(spec: Partial<MiniEstate>, hosts: string[]) {
  return blastRadius(buildEstateIndex(miniEstate({ ...base, ...spec })), hosts);
}

describe('blastRadius: reach', () => {
  it('reaches every host of the compromised host’s segment, and nothing without a link', () => {
    const r = radius({}, ['ws1']);
    expect(r.hosts.sort()).toEqual(['ws1', 'ws2']);
    expect(r.segments.map((s) => s.id)).toEqual(['office']);
    expect(r.segments[0]).toMatchObject({ hops: 0, via: null, ports: 'any', hosts: 2 });
  });

  it('follows a bidirectional link both ways', () => {
    const links = [{ from: 'office', to: 'dc' }];
    expect(radius({ links }, ['ws1']).segments.map((s) => s.id)).toEqual(['office', 'dc']);
    expect(radius({ links }, ['fs1']).segments.map((s) => s.id)).toEqual(['dc', 'office']);
  });

  it('follows a one-way link only from `from` to `to`', () => {
    const links = [{ from: 'office', to: 'dc', bidirectional: false }];
    expect(radius({ links }, ['ws1']).hosts).toContain('fs1');
    expect(radius({ links }, ['fs1']).hosts).not.toContain('ws1');
  });

  it('keeps the ports by which a segment can be entered', () => {
    const links = [
      { from: 'office', to: 'dc', ports: [445, 'tcp/3389'] },
      { from: 'office', to: 'backup', ports: ['tcp/445'] },
      { from: 'dc', to: 'backup', ports: [445, 'udp/53'], bidirectional: false },
    ];
    const r = radius({ links }, ['ws1']);
    const ports = Object.fromEntries(r.segments.map((s) => [s.id, s.ports]));
    expect(ports).toEqual({ office: 'any', dc: ['445', 'tcp/3389'], backup: ['udp/53', '445'] });
  });

  it('counts a segment entered on any port as reachable on any port', () => {
    const links = [
      { from: 'office', to: 'dc', ports: [445] },
      { from: 'backup', to: 'dc' },
      { from: 'office', to: 'backup', ports: [22] },
    ];
    expect(radius({ links }, ['ws1']).segments.find((s) => s.id === 'dc')?.ports).toBe('any');
  });

  it('pivots transitively and says where each segment is reached from', () => {
    const links = [
      { from: 'office', to: 'dc', ports: [445], bidirectional: false },
      { from: 'dc', to: 'backup', ports: ['tcp/873'], bidirectional: false },
    ];
    const r = radius({ links }, ['ws1']);
    expect(r.segments.map((s) => [s.id, s.hops, s.via])).toEqual([
      ['office', 0, null],
      ['dc', 1, 'office'],
      ['backup', 2, 'dc'],
    ]);
    expect(r.totals).toMatchObject({ segments: 3, hosts: 5 });
  });

  it('rejects unknown hostnames, listing every one of them', () => {
    const run = () => radius({}, ['ws1', 'nope-1', 'nope-2']);
    expect(run).toThrow(UserError);
    expect(run).toThrow(/nope-1, nope-2/);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code: 'not_found', details: { unknown: { hosts: ['nope-1', 'nope-2'] } } });
    }
  });

  it('accepts hostnames in another case', () => {
    expect(radius({}, ['WS1']).compromised).toEqual(['ws1']);
  });
});

describe('blastRadius: what is at risk', () => {
  const services = [
    { id: 'files', hosts: ['fs1'] },
    { id: 'erp', hosts: ['db1'], dependsOn: ['files'] },
    { id: 'billing', entity: 'fuji-jp', dependsOn: ['erp'] },
    { id: 'tokyo-mail', entity: 'fuji-jp', hosts: ['tk1'] },
  ];
  const links = [{ from: 'office', to: 'dc' }];

  it('puts services on reached hosts at risk, and transitively every service that depends on them', () => {
    const r = radius({ links, services }, ['ws1']);
    expect(r.services.map((s) => [s.id, s.reason])).toEqual([
      ['files', 'runs on 1 reached host'],
      ['erp', 'runs on 1 reached host'],
      ['billing', 'depends on erp (at risk)'],
    ]);
    expect(r.services[2]?.cause).toEqual({ kind: 'dependency', on: 'erp' });
  });

  it('touches entities and regions through hosts reached and services at risk', () => {
    const r = radius({ links, services }, ['ws1']);
    expect(r.entities).toEqual([
      { id: 'fgs-uk', name: 'fgs-uk', region: 'emea', hostsReached: 4, servicesAtRisk: 2 },
      { id: 'fuji-jp', name: 'fuji-jp', region: 'japan', hostsReached: 0, servicesAtRisk: 1 },
    ]);
    expect(r.regions.map((g) => [g.id, g.entities])).toEqual([
      ['emea', ['fgs-uk']],
      ['japan', ['fuji-jp']],
    ]);
  });

  it('lists data stores on reached hosts with personal data totals per category', () => {
    const dataStores = [
      { id: 'hr', host: 'db1', personalData: ['employee', 'financial'], subjectCountries: ['GB'], records: 1200 },
      { id: 'crm', host: 'fs1', personalData: ['contact'], subjectCountries: ['GB', 'IE'], records: 50_000 },
      { id: 'tk-crm', host: 'tk1', personalData: ['contact'], records: 9 },
      { id: 'logs', host: 'fs1', records: 10 },
    ];
    const r = radius({ links, dataStores }, ['ws1']);
    expect(r.dataStores.map((d) => [d.id, d.entity])).toEqual([
      ['hr', 'fgs-uk'],
      ['crm', 'fgs-uk'],
      ['logs', 'fgs-uk'],
    ]);
    expect(r.personalData).toEqual([
      { category: 'contact', stores: 1, records: 50_000, subjectCountries: ['GB', 'IE'] },
      { category: 'employee', stores: 1, records: 1200, subjectCountries: ['GB'] },
      { category: 'financial', stores: 1, records: 1200, subjectCountries: ['GB'] },
    ]);
    expect(r.totals).toMatchObject({ dataStores: 3, personalDataStores: 2, personalRecords: 51_200 });
  });

  it('reports the exposure points of the compromised segments and of every reached one', () => {
    const external = { office: ['vpn' as const], dc: ['internet' as const, 'partner' as const] };
    const r = radius({ links, external }, ['ws1']);
    expect(r.exposure.compromised).toEqual([
      { segment: 'office', hops: 0, external: [{ kind: 'vpn', name: 'office-vpn' }] },
    ]);
    expect(r.exposure.reachable.map((p) => [p.segment, p.external.map((e) => e.kind)])).toEqual([
      ['office', ['vpn']],
      ['dc', ['internet', 'partner']],
    ]);
  });

  it('counts reached hosts by criticality', () => {
    expect(radius({ links }, ['ws1']).hostsByCriticality).toEqual({ low: 0, medium: 4, high: 0, critical: 0 });
  });
});
