/**
 * Comparing `nft -j list table` with a cut's intent, on a listing captured from nftables 1.0.6 (which merges
 * 10.1.0.0/24 + 10.1.1.0/24 into 10.1.0.0/23 and drops 10.1.0.0/24 inside 10.0.0.0/8 from a set).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkListedCut, cutCounters } from './check-cut.js';
import { buildCutRules, renderCutRuleset, type CutSpec } from './cut-ruleset.js';
import { cutListingOf } from './gateway.testing.js';

// The spec the fixture was rendered from (`nft -f` of renderCutRuleset, then `nft -j list table`).
const SPEC: CutSpec = {
  cutId: 'fixture',
  segment: 'seg',
  cidrs: ['10.1.0.0/24', '10.1.1.0/24', 'fd00:1::/64'],
  external: true,
  internal: ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8'],
  peers: ['10.2.0.0/16', '10.3.0.0/16', 'fd00:2::/64'],
  allow: [{ cidr: '10.9.0.0/16', ports: [443, 8443] }, { cidr: '192.168.5.10' }],
  control: [{ address: '10.9.1.5', port: 7373 }],
};
const rules = buildCutRules(SPEC);
type Listing = { nftables: Record<string, Record<string, unknown>>[] };
const fixture = (): Listing => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/listed-cut.json'), 'utf8')) as Listing;

function ruleOf(listing: ReturnType<typeof fixture>, comment: string): Record<string, unknown> {
  const found = listing.nftables.find((i) => i['rule']?.['comment'] === comment)?.['rule'];
  if (!found) throw new Error(`no rule ${comment}`);
  return found;
}

describe('checkListedCut', () => {
  it('accepts what nftables really lists for the cut, merged sets and all', () => {
    expect(checkListedCut(fixture(), rules)).toEqual({ ok: true, problems: [], ruleCount: 14 });
  });

  it('accepts the fake listing too (the handler tests rely on it)', () => {
    expect(checkListedCut(cutListingOf(rules.table, renderCutRuleset(rules)), rules).ok).toBe(true);
  });

  it('finds a missing table, a missing rule, an extra rule and a changed chain', () => {
    expect(checkListedCut({ nftables: [] }, rules).problems).toEqual(['table inet firebreak_cut_fixture is not loaded']);
    const listing = fixture();
    listing.nftables = listing.nftables.filter((i) => i['rule']?.['comment'] !== 'fb-cut-peer-in-4');
    listing.nftables.push({ rule: { family: 'inet', table: rules.table, chain: 'forward', comment: 'intruder', expr: [{ accept: null }] } });
    const chain = listing.nftables.find((i) => i['chain'])?.['chain'];
    if (chain) chain['policy'] = 'drop';
    expect(checkListedCut(listing, rules).problems).toEqual([
      'chain forward has policy drop, expected accept',
      'rule fb-cut-peer-in-4 is missing',
      'unexpected rule: intruder',
    ]);
  });

  it('finds a rule that matches other addresses, other ports, the wrong operator or the wrong verdict', () => {
    const listing = fixture();
    const peer = ruleOf(listing, 'fb-cut-peer-out-4')['expr'] as Record<string, Record<string, unknown>>[];
    peer[1]!['match']!['right'] = { set: [{ prefix: { addr: '10.2.0.0', len: 16 } }] };
    const ext = ruleOf(listing, 'fb-cut-ext-out-4')['expr'] as Record<string, Record<string, unknown>>[];
    ext[1]!['match']!['op'] = '==';
    const allow = ruleOf(listing, 'fb-cut-allow-out-0')['expr'] as Record<string, Record<string, unknown>>[];
    allow[3]!['match']!['right'] = 443;
    ruleOf(listing, 'fb-cut-peer-in-6')['expr'] = [...(ruleOf(listing, 'fb-cut-peer-in-6')['expr'] as unknown[]).slice(0, -1), { accept: null }];
    expect(checkListedCut(listing, rules).problems).toEqual([
      'rule fb-cut-allow-out-0: expected th.dport 443,8443',
      'rule fb-cut-peer-out-4: ip.daddr differs from 10.2.0.0/16, 10.3.0.0/16',
      'rule fb-cut-ext-out-4: ip.daddr differs from != 10.0.0.0/8, 10.1.0.0/24, 10.1.1.0/24, 192.168.0.0/16',
      'rule fb-cut-peer-in-6: verdict accept, expected drop',
    ]);
  });

  it('finds rules out of order (an accept after the drops would be useless)', () => {
    const listing = fixture();
    const first = listing.nftables.findIndex((i) => i['rule']?.['comment'] === 'fb-cut-ctl-out-0');
    const [moved] = listing.nftables.splice(first, 1);
    listing.nftables.push(moved!);
    expect(checkListedCut(listing, rules).problems[0]).toMatch(/^rules are out of order: fb-cut-ctl-in-0, .*fb-cut-ctl-out-0$/);
  });
});

describe('cutCounters', () => {
  it('adds up what the drop rules counted', () => {
    const listing = cutListingOf(rules.table, renderCutRuleset(rules), (comment) => (comment === 'fb-cut-peer-out-4' ? { packets: 3, bytes: 180 } : { packets: 1, bytes: 60 }));
    const counters = cutCounters(listing, rules.table);
    expect(counters.dropped).toEqual({ packets: 10, bytes: 600 });
    expect(counters.byRule['fb-cut-peer-out-4']).toEqual({ packets: 3, bytes: 180 });
    expect(Object.keys(counters.byRule)).toHaveLength(8);
  });
});
