import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Issue } from '../../shared/errors.js';
import { emptyEstate, estateDocumentSchema } from '../schema.js';
import type { EstateDocument, EstateDocumentInput } from '../schema.js';
import { prepareImport } from './prepare.js';

const BASE: EstateDocumentInput = {
  regions: [{ id: 'emea', name: 'EMEA' }],
  entities: [{ id: 'uk', name: 'UK', country: 'GB', region: 'emea' }],
  segments: [
    { id: 'office', name: 'Office', entity: 'uk', cidrs: ['10.1.0.0/24', '10.1.1.0/24'] },
    { id: 'servers', name: 'Servers', entity: 'uk', cidrs: ['10.2.0.0/24'] },
  ],
  hosts: [
    { hostname: 'ws01', ips: ['10.1.0.10'], os: 'Windows 11', role: 'workstation', entity: 'uk', segment: 'office' },
    { hostname: 'app01', ips: ['10.2.0.10'], os: 'RHEL 9', role: 'app-server', entity: 'uk', segment: 'servers' },
  ],
};
const existing: EstateDocument = estateDocumentSchema.parse(BASE);

/** Imports `doc` (as YAML) into `into` and returns the issues, or [] when it is valid. */
function issuesOf(doc: unknown, into: EstateDocument = emptyEstate()): Issue[] {
  const result = prepareImport(stringify(doc), 'estate.yaml', into);
  return result.ok ? [] : result.issues;
}
const fields = (issues: Issue[]): (string | undefined)[] => issues.map((issue) => issue.field);

describe('validation: references', () => {
  it('resolves references against the existing estate as well as the file', () => {
    const host = {
      hostname: 'ws02',
      ips: ['10.1.0.11'],
      os: 'Windows 11',
      role: 'workstation',
      entity: 'uk',
      segment: 'office',
    };
    expect(issuesOf({ hosts: [host] }, existing)).toEqual([]);
    expect(fields(issuesOf({ hosts: [host] }))).toEqual(['hosts[0].entity', 'hosts[0].segment']);
  });

  it('lets an entity name a region that is not listed', () => {
    expect(issuesOf({ entities: [{ id: 'jp', name: 'JP', country: 'JP', region: 'apac' }] })).toEqual([]);
  });

  it('checks every kind of reference', () => {
    const doc = {
      entities: [{ id: 'de', name: 'DE', country: 'DE', region: 'emea', parent: 'nobody' }],
      sites: [{ id: 'berlin', name: 'Berlin', entity: 'nope', country: 'DE' }],
      segments: [{ id: 'lan', name: 'LAN', entity: 'de', site: 'nowhere', cidrs: ['10.9.0.0/24'] }],
      links: [{ from: 'lan', to: 'wan' }],
      services: [{ id: 'erp', name: 'ERP', entity: 'de', hosts: ['ghost'], dependsOn: ['identity'] }],
      dataStores: [{ id: 'crm', name: 'CRM', host: 'ghost' }],
    };
    expect(fields(issuesOf(doc))).toEqual([
      'entities[0].parent',
      'sites[0].entity',
      'segments[0].site',
      'links[0].to',
      'services[0].hosts[0]',
      'services[0].dependsOn[0]',
      'dataStores[0].host',
    ]);
  });

  it('suggests a corrected value for an id or country code in the wrong format', () => {
    const entity = { id: 'UK Ltd', name: 'UK', country: 'gb', region: 'emea' };
    expect(issuesOf({ entities: [entity] }).map((issue) => issue.hint)).toEqual([
      expect.stringMatching(/try `uk-ltd`$/),
      expect.stringMatching(/try `GB`$/),
    ]);
  });

  it('suggests the id that was probably meant', () => {
    const host = { hostname: 'ws02', os: 'W', role: 'workstation', entity: 'uk', segment: 'ofice' };
    expect(issuesOf({ hosts: [host] }, existing)[0]?.hint).toMatch(/did you mean `office`\?/);
  });
});

describe('validation: addresses', () => {
  const host = (ips: string[], segment = 'office', hostname = 'ws09') => ({
    hostname,
    ips,
    os: 'W',
    role: 'r',
    entity: 'uk',
    segment,
  });

  it('rejects an address that is not IPv4 or IPv6', () => {
    expect(issuesOf({ hosts: [host(['10.1.0.300'])] }, existing)[0]).toMatchObject({
      field: 'hosts[0].ips[0]',
      message: "'10.1.0.300' is not an IP address",
    });
  });

  it('names the segment CIDRs an address lies outside, and the segment it lies in', () => {
    const [issue] = issuesOf({ hosts: [host(['10.2.0.99'])] }, existing);
    expect(issue?.message).toBe('IP 10.2.0.99 is outside segment `office` (10.1.0.0/24, 10.1.1.0/24)');
    expect(issue?.hint).toMatch(/lies in segment `servers`/);
  });

  it('accepts an address in any of the segment CIDRs', () => {
    expect(issuesOf({ hosts: [host(['10.1.1.7'])] }, existing)).toEqual([]);
  });

  it('checks against the incoming version of a segment', () => {
    const segment = { id: 'office', name: 'Office', entity: 'uk', cidrs: ['10.7.0.0/24'] };
    expect(fields(issuesOf({ segments: [segment], hosts: [host(['10.1.0.50'])] }, existing))).toEqual([
      'hosts[0].ips[0]',
    ]);
  });

  it('reports an address used by two hosts in the file, naming the first line', () => {
    const issues = issuesOf(
      { hosts: [host(['10.1.0.50'], 'office', 'a'), host(['10.1.0.50'], 'office', 'b')] },
      existing,
    );
    expect(issues).toMatchObject([
      { field: 'hosts[1].ips[0]', message: 'IP 10.1.0.50 is also used by host `a` on line 4' },
    ]);
  });

  it('reports an address already used by another host of the estate', () => {
    expect(issuesOf({ hosts: [host(['10.1.0.10'])] }, existing)[0]?.message).toBe(
      'IP 10.1.0.10 is already used by host `ws01` in the estate',
    );
  });

  it('lets a host that is being updated keep or move its address', () => {
    expect(issuesOf({ hosts: [host(['10.1.0.10'], 'office', 'ws01')] }, existing)).toEqual([]);
  });

  it('rejects bad CIDRs, naming the network that was meant', () => {
    const segment = (cidrs: string[]) => ({ id: 'lab', name: 'Lab', entity: 'uk', cidrs });
    const issues = issuesOf({ segments: [segment(['10.0.0/8', '10.5.0.1/16', '2001:db8::/129'])] }, existing);
    expect(fields(issues)).toEqual(['segments[0].cidrs[0]', 'segments[0].cidrs[1]', 'segments[0].cidrs[2]']);
    expect(issues[1]?.hint).toMatch(/10\.5\.0\.0\/16/);
  });
});

describe('validation: structure', () => {
  it('reports a link from a segment to itself and impossible ports', () => {
    const links = [
      { from: 'office', to: 'office' },
      { from: 'office', to: 'servers', ports: ['tcp/70000', 'udp/90-80'] },
    ];
    expect(fields(issuesOf({ links }, existing))).toEqual(['links[0].to', 'links[1].ports[0]', 'links[1].ports[1]']);
  });

  it('reports duplicate ids per kind and duplicate links', () => {
    const segment = { id: 'lab', name: 'Lab', entity: 'uk', cidrs: ['10.9.0.0/24'] };
    const link = { from: 'lab', to: 'office' };
    const issues = issuesOf({ segments: [segment, segment], links: [link, link] }, existing);
    expect(issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^duplicate segment id `lab`: also defined on line \d+$/),
      expect.stringMatching(/^duplicate link from `lab` to `office`/),
    ]);
  });

  it('names a dependency cycle through existing services', () => {
    const into = estateDocumentSchema.parse({
      ...BASE,
      services: [{ id: 'erp', name: 'ERP', entity: 'uk', dependsOn: ['billing'] }],
    });
    const issues = issuesOf(
      {
        services: [
          { id: 'billing', name: 'Billing', entity: 'uk', dependsOn: ['identity', 'erp'] },
          { id: 'identity', name: 'AD', entity: 'uk' },
        ],
      },
      into,
    );
    expect(issues).toMatchObject([
      { field: 'services[0].dependsOn[1]', message: 'dependency cycle: billing -> erp -> billing' },
    ]);
  });

  it('names a service that depends on itself, and an entity that is its own parent', () => {
    const issues = issuesOf({
      entities: [{ id: 'a', name: 'A', country: 'GB', region: 'emea', parent: 'a' }],
      services: [{ id: 'x', name: 'X', entity: 'a', dependsOn: ['x'] }],
    });
    expect(issues.map((issue) => issue.message)).toEqual(['parent cycle: a -> a', 'dependency cycle: x -> x']);
  });
});

describe('validation: collects every problem', () => {
  it('reports schema and cross-item problems of the same item together', () => {
    const host = {
      hostname: 'ws02',
      ips: ['10.9.9.9', 'nope'],
      os: 'W',
      role: 'r',
      criticality: 'urgent',
      entity: 'uk',
      segment: 'office',
      owner: 'me',
    };
    expect(fields(issuesOf({ hosts: [host] }, existing))).toEqual([
      'hosts[0].ips[0]',
      'hosts[0].ips[1]',
      'hosts[0].criticality',
      'hosts[0].owner',
    ]);
  });

  it('does not treat an item with a schema problem as missing when others refer to it', () => {
    const segment = { id: 'lab', name: 'Lab', entity: 'uk', cidrs: ['10.9.0.0/24'], colour: 'red' };
    const issues = issuesOf({ segments: [segment], links: [{ from: 'lab', to: 'office' }] }, existing);
    expect(fields(issues)).toEqual(['segments[0].colour']);
  });

  it('locates a missing field at its item and an unknown field at its key', () => {
    const result = prepareImport(
      'hosts:\n  - hostname: ws02\n    entity: uk\n    segment: office\n    colour: red\n',
      'h.yaml',
      existing,
    );
    expect(result.ok ? [] : result.issues).toMatchObject([
      { line: 2, column: 5, field: 'hosts[0].os', message: 'missing required field `os`' },
      { line: 2, column: 5, field: 'hosts[0].role' },
      {
        line: 5,
        column: 5,
        field: 'hosts[0].colour',
        hint: expect.stringMatching(/allowed fields here: hostname, ips/),
      },
    ]);
  });

  it('reports top-level problems: unknown keys, a version other than 1, a list that is not a list', () => {
    const result = prepareImport('version: 2\nhost:\n  - a\nsegments: office\n', 'e.yaml', existing);
    expect(result.ok ? [] : result.issues).toMatchObject([
      { line: 1, field: 'version', message: 'unsupported version 2' },
      { line: 2, field: 'host', hint: expect.stringMatching(/did you mean `hosts`/) },
      { line: 4, field: 'segments', message: '`segments` must be a list, got "office"' },
    ]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(prepareImport('', 'e.yaml', existing)).toMatchObject({
      ok: false,
      issues: [{ message: 'the file is empty' }],
    });
    expect(prepareImport('- a\n', 'e.yaml', existing)).toMatchObject({
      ok: false,
      issues: [{ line: 1, message: expect.stringMatching(/expected a mapping/) }],
    });
  });
});
