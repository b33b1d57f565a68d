import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyEstate } from '../schema.js';
import { prepareImport } from './prepare.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/estate/${name}`, import.meta.url), 'utf8');

describe('test/fixtures/estate/bad-estate.yaml', () => {
  const result = prepareImport(fixture('bad-estate.yaml'), 'bad-estate.yaml', emptyEstate());
  const issues = result.ok ? [] : result.issues;

  it.each([
    {
      mistake: 'bad CIDR',
      line: 18,
      column: 13,
      field: 'segments[1].cidrs[0]',
      message: /'10\.0\.0\/8' is not a CIDR/,
    },
    { mistake: 'link to itself', line: 20, column: 28, field: 'links[0].to', message: /to itself/ },
    { mistake: 'criticality: 5', line: 26, column: 18, field: 'hosts[0].criticality', message: /5 is not one of low/ },
    {
      mistake: 'IP outside CIDR',
      line: 30,
      column: 11,
      field: 'hosts[1].ips[0]',
      message: /outside segment `uk-office` \(10\.40\.0\.0\/16\)/,
    },
    {
      mistake: 'duplicate hostname',
      line: 35,
      column: 15,
      field: 'hosts[2].hostname',
      message: /duplicate hostname `uk-ws01`: also defined on line 22/,
    },
    {
      mistake: 'unknown segment',
      line: 46,
      column: 14,
      field: 'hosts[3].segment',
      message: /unknown segment `uk-offfice`/,
    },
    { mistake: 'unknown key', line: 47, column: 5, field: 'hosts[3].colour', message: /unknown field `colour`/ },
    {
      mistake: 'dependency cycle',
      line: 49,
      column: 82,
      field: 'services[0].dependsOn[0]',
      message: /dependency cycle: billing -> erp -> billing/,
    },
    {
      mistake: 'records: "many"',
      line: 52,
      column: 58,
      field: 'dataStores[0].records',
      message: /expected number, got "many"/,
    },
  ])('reports $mistake at line $line, field $field', ({ line, column, field, message }) => {
    const issue = issues.find((candidate) => candidate.field === field);
    expect(issue).toMatchObject({ file: 'bad-estate.yaml', line, column, field });
    expect(issue?.message).toMatch(message);
    expect(issue?.hint).toBeTruthy();
  });

  it('reports the nine mistakes and nothing else', () => {
    expect(result.ok).toBe(false);
    expect(issues).toHaveLength(9);
  });

  it('gives the unknown segment a spelling suggestion', () => {
    expect(issues.find((issue) => issue.field === 'hosts[3].segment')?.hint).toMatch(/did you mean `uk-office`/);
  });
});

describe('test/fixtures/estate/small-estate.yaml and hosts.csv', () => {
  it('imports 20 hosts in 2 regions and 3 entities', () => {
    const result = prepareImport(fixture('small-estate.yaml'), 'small-estate.yaml', emptyEstate());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.merged.hosts).toHaveLength(20);
    expect(result.merged.regions).toHaveLength(2);
    expect(result.merged.entities).toHaveLength(3);
  });

  it('adds the CSV hosts to that estate, resolving segments already imported', () => {
    const small = prepareImport(fixture('small-estate.yaml'), 'small-estate.yaml', emptyEstate());
    if (!small.ok) throw new Error('small estate does not import');
    const csv = prepareImport(fixture('hosts.csv'), 'hosts.csv', small.merged);
    if (!csv.ok) throw new Error(JSON.stringify(csv.issues));
    expect(csv.counts.hosts).toEqual({ created: 4, updated: 0 });
    expect(csv.merged.hosts).toHaveLength(24);
    expect(csv.incoming.hosts.find((host) => host.hostname === 'jp-app02')?.ips).toEqual(['10.2.0.21', '10.2.0.22']);
  });
});
