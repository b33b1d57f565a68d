import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkListedTable } from './check-listed.js';
import { buildIsolationRules, type IsolationSpec } from './ruleset.js';

/** `nft -j list table inet firebreak_isolation` as nftables 1.0.6 printed it after loading SPEC. */
const listing: unknown = JSON.parse(readFileSync(new URL('./fixtures/listed-table.json', import.meta.url), 'utf8'));

const SPEC: IsolationSpec = {
  table: 'firebreak_isolation',
  control: [{ address: '10.213.0.3', port: 7373 }],
  allow: [{ cidr: '10.50.0.0/16', ports: [8443, 443] }, { cidr: '192.0.2.10' }, { cidr: '2001:db8::/32', ports: [514] }],
};

describe('checkListedTable', () => {
  it('accepts the table nftables reports for the intended rules', () => {
    expect(checkListedTable(listing, buildIsolationRules(SPEC))).toEqual({ ok: true, problems: [], ruleCount: 12 });
  });

  it('names a peer that differs, a rule that is missing and a rule nobody asked for', () => {
    const other = buildIsolationRules({ ...SPEC, control: [{ address: '10.213.0.4', port: 7373 }], allow: SPEC.allow.slice(0, 2) });
    const check = checkListedTable(listing, other);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(
      expect.arrayContaining(['rule fb-ctl-out-0: expected peer 10.213.0.4', 'unexpected rule in output: fb-allow-out-2', 'unexpected rule in input: fb-nd-in']),
    );
  });

  it('reports a missing table and a chain that accepts by default', () => {
    expect(checkListedTable({ nftables: [] }, buildIsolationRules(SPEC)).problems).toEqual(['table inet firebreak_isolation is not loaded']);
    const open = JSON.parse(JSON.stringify(listing).replace('"policy":"drop"', '"policy":"accept"')) as unknown;
    expect(checkListedTable(open, buildIsolationRules(SPEC)).problems.some((p) => p.includes('policy accept'))).toBe(true);
  });
});
