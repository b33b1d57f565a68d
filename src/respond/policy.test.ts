import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../shared/errors.js';
import { parsePolicy } from './policy.parse.js';
import { ruleFor } from './policy.match.js';
import { durationMs } from './policy.schema.js';

const DEFAULT = readFileSync(new URL('../../content/policies/default.yaml', import.meta.url), 'utf8');

const HEAD = `format: 1
name: test
version: "1"
approvalTtl: 4h
`;

function issues(text: string) {
  const parsed = parsePolicy(text, 'p.yaml');
  if (parsed.ok) throw new Error('expected the policy to be rejected');
  return parsed.issues;
}

describe('parsePolicy', () => {
  it('loads the default policy', () => {
    const parsed = parsePolicy(DEFAULT, 'default.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
    expect(parsed.source).toEqual({ file: 'default.yaml', name: 'firebreak-default', version: '2026.1' });
    expect(parsed.policy.rules.map((r) => r.name)).toContain('shutdown-region');
    expect(parsed.policy.breakGlass).toEqual({ roles: ['commander', 'admin'], minReasonLength: 20 });
  });

  it('names the line, field and accepted kinds for an unknown plan kind', () => {
    const [issue] = issues(`${HEAD}rules:\n  - name: r1\n    kinds: [isolate_hosts, shutdown]\n    approvals:\n      - { name: lead, roles: [entity_lead], scope: entity }\n`);
    expect(issue).toMatchObject({ file: 'p.yaml', line: 7, field: 'rules[0].kinds[1]' });
    expect(issue?.message).toContain('"shutdown" is not one of');
    expect(issue?.hint).toContain('shutdown_region');
  });

  it('rejects an unknown role with the roles it accepts', () => {
    const [issue] = issues(`${HEAD}rules:\n  - name: r1\n    kinds: [isolate_hosts]\n    approvals:\n      - { name: lead, roles: [ciso], scope: entity }\n`);
    expect(issue).toMatchObject({ line: 9, field: 'rules[0].approvals[0].roles[0]', hint: 'use one of: responder, entity_lead, commander, admin' });
  });

  it('rejects a bad duration with the form it expects', () => {
    const [issue] = issues(`format: 1\nname: test\nversion: "1"\napprovalTtl: 4 hours\nrules:\n  - name: r1\n    kinds: [sweep]\n    approvals: [{ name: a, roles: [responder], scope: any }]\n`);
    expect(issue).toMatchObject({ line: 4, field: 'approvalTtl' });
    expect(issue?.hint).toContain('e.g. 30m, 4h, 1d');
  });

  it('names a missing field', () => {
    const found = issues(`format: 1\nname: test\nversion: "1"\nrules:\n  - name: r1\n    kinds: [sweep]\n    approvals: [{ name: a, roles: [responder] }]\n`);
    expect(found.map((i) => [i.field, i.message])).toEqual([
      ['approvalTtl', 'missing required field `approvalTtl`'],
      ['rules[0].approvals[0].scope', 'missing required field `scope`'],
    ]);
    expect(found[1]?.line).toBe(7);
  });

  it('points at a misspelt field and suggests the right one', () => {
    const found = issues(`${HEAD}rules:\n  - name: r1\n    kinds: [sweep]\n    aprovals: [{ name: a, roles: [responder], scope: any }]\n`);
    expect(found.map((i) => i.message)).toContain('missing required field `approvals`');
    const issue = found.find((i) => i.message.startsWith('unknown'));
    expect(issue).toMatchObject({ line: 8, column: 5, field: 'rules[0].aprovals', message: 'unknown field `aprovals`' });
    expect(issue?.hint).toContain('did you mean `approvals`?');
  });

  it('finds duplicate names and rules that can never apply', () => {
    const text = `${HEAD}rules:
  - name: r1
    kinds: [isolate_hosts]
    approvals: [{ name: a, roles: [responder], scope: entity }, { name: a, roles: [commander], scope: any }]
  - name: r1
    kinds: [isolate_hosts]
    when: { minHosts: 10, maxHosts: 5 }
    approvals: [{ name: a, roles: [entity_lead], scope: entity }]
`;
    expect(issues(text).map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
      '9 rules[1].name: rule name `r1` is used twice',
      '8 rules[0].approvals[1].name: approval name `a` is used twice in rule r1',
      '11 rules[1].when.minHosts: minHosts 10 is above maxHosts 5',
      '10 rules[1].kinds: rule r1 never applies: rule r1 comes first and has no `when`, so it takes every plan of these kinds',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [issue] = issues(`${HEAD}rules:\n  - name: [r1\n`);
    expect(issue?.line).toBeGreaterThanOrEqual(6);
    expect(issue?.message).toContain('YAML');
  });
});

describe('ruleFor', () => {
  const parsed = parsePolicy(DEFAULT, 'default.yaml');
  if (!parsed.ok) throw new Error('default policy');
  const plan = (hosts: number, critical = 0) => ({
    kind: 'isolate_hosts' as const,
    entities: ['jp-hq'],
    impact: { hostsAffected: hosts, hostsByCriticality: { low: hosts - critical, medium: 0, high: 0, critical } },
  });

  it('takes the first rule whose kinds and conditions match', () => {
    expect(ruleFor(plan(3), parsed.policy)?.name).toBe('isolate-few-hosts');
    expect(ruleFor(plan(30), parsed.policy)?.name).toBe('isolate-many-hosts');
    expect(ruleFor(plan(3, 1), parsed.policy)?.name).toBe('isolate-critical-hosts');
    expect(ruleFor({ ...plan(3), kind: 'custom' }, parsed.policy)).toBeUndefined();
  });

  it('reads durations', () => {
    expect([durationMs('30m'), durationMs('4h'), durationMs('1d')]).toEqual([1_800_000, 14_400_000, 86_400_000]);
  });
});
