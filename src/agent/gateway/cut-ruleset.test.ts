/** Segment cut rules: rendering, refusals, and what the rules do with forwarded packets. */
import { describe, expect, it } from 'vitest';
import { buildCutRules, CutSpecError, renderCutRuleset, type CutSpec } from './cut-ruleset.js';
import { evaluateCut, type ForwardedPacket } from './evaluate-cut.js';

const SPEC: CutSpec = {
  cutId: 'jp_office',
  segment: 'jp-office',
  cidrs: ['10.1.0.0/24'],
  external: false,
  internal: [],
  peers: ['10.3.0.0/16', '10.2.0.0/16'],
  allow: [{ cidr: '10.9.0.0/16', ports: [8443, 443] }],
  control: [{ address: '10.8.0.5', port: 7373 }],
};

const tcp = (src: string, dst: string, dport = 445, state: ForwardedPacket['state'] = 'new'): ForwardedPacket => ({ src, dst, proto: 'tcp', dport, state });

describe('renderCutRuleset', () => {
  it('renders one table per cut with a forward chain: what stays open first, then counted drops', () => {
    expect(renderCutRuleset(buildCutRules(SPEC)).split('\n')).toEqual([
      'table inet firebreak_cut_jp_office',
      'delete table inet firebreak_cut_jp_office',
      'table inet firebreak_cut_jp_office {',
      '  chain forward {',
      '    type filter hook forward priority -10; policy accept;',
      '    ip saddr { 10.1.0.0/24 } ip daddr { 10.8.0.5 } tcp dport 7373 accept comment "fb-cut-ctl-out-0"',
      '    ip saddr { 10.8.0.5 } ip daddr { 10.1.0.0/24 } ct state established,related accept comment "fb-cut-ctl-in-0"',
      '    ip saddr { 10.1.0.0/24 } ip daddr { 10.9.0.0/16 } meta l4proto { tcp, udp } th dport { 443, 8443 } accept comment "fb-cut-allow-out-0"',
      '    ip saddr { 10.9.0.0/16 } ip daddr { 10.1.0.0/24 } ct state established,related accept comment "fb-cut-allow-in-0"',
      '    ip saddr { 10.1.0.0/24 } ip daddr { 10.2.0.0/16, 10.3.0.0/16 } counter drop comment "fb-cut-peer-out-4"',
      '    ip saddr { 10.2.0.0/16, 10.3.0.0/16 } ip daddr { 10.1.0.0/24 } counter drop comment "fb-cut-peer-in-4"',
      '  }',
      '}',
      '',
    ]);
  });

  it('renders an external cut as "not internal", counting the segment itself as inside', () => {
    const text = renderCutRuleset(buildCutRules({ ...SPEC, peers: [], external: true, internal: ['10.0.0.0/8', '172.16.0.0/12'] }));
    expect(text).toContain('ip saddr { 10.1.0.0/24 } ip daddr != { 10.0.0.0/8, 10.1.0.0/24, 172.16.0.0/12 } counter drop comment "fb-cut-ext-out-4"');
    expect(text).toContain('ip saddr != { 10.0.0.0/8, 10.1.0.0/24, 172.16.0.0/12 } ip daddr { 10.1.0.0/24 } counter drop comment "fb-cut-ext-in-4"');
  });

  it('gives each address family its own rules, and leaves out entries of a family the segment lacks', () => {
    const rules = buildCutRules({ ...SPEC, cidrs: ['10.1.0.0/24', 'fd00:1::/64'], peers: ['10.2.0.0/16', 'fd00:2::/64'], allow: [{ cidr: 'fd00:9::/64' }] });
    expect(rules.rules.map((r) => r.comment)).toEqual([
      'fb-cut-ctl-out-0', 'fb-cut-ctl-in-0', 'fb-cut-peer-out-4', 'fb-cut-peer-in-4',
      'fb-cut-allow-out-0', 'fb-cut-allow-in-0', 'fb-cut-peer-out-6', 'fb-cut-peer-in-6',
    ]);
    expect(renderCutRuleset(rules)).toContain('ip6 saddr { fd00:1::/64 } ip6 daddr { fd00:2::/64 } counter drop comment "fb-cut-peer-out-6"');
  });

  it('is the same text whatever the order of the networks (a stable ruleset hash)', () => {
    const shuffled = { ...SPEC, peers: [...SPEC.peers].reverse(), cidrs: [...SPEC.cidrs] };
    expect(renderCutRuleset(buildCutRules(shuffled))).toBe(renderCutRuleset(buildCutRules(SPEC)));
  });

  it('refuses a peer that overlaps the segment, a cut that drops nothing, and a bad cut id', () => {
    expect(() => buildCutRules({ ...SPEC, peers: ['10.0.0.0/8'] })).toThrow(CutSpecError);
    expect(() => buildCutRules({ ...SPEC, peers: ['fd00:2::/64'] })).toThrow(/drop nothing/);
    expect(() => buildCutRules({ ...SPEC, cutId: 'Bad-Id' })).toThrow(/lower-case/);
  });
});

describe('evaluateCut', () => {
  const rules = buildCutRules(SPEC);

  it('drops forwarded traffic between the segment and each peer, both ways, including established flows', () => {
    expect(evaluateCut(rules, tcp('10.1.0.5', '10.2.7.1'))).toEqual({ verdict: 'drop', rule: 'fb-cut-peer-out-4' });
    expect(evaluateCut(rules, tcp('10.3.0.9', '10.1.0.5', 22))).toEqual({ verdict: 'drop', rule: 'fb-cut-peer-in-4' });
    expect(evaluateCut(rules, tcp('10.2.7.1', '10.1.0.5', 50000, 'established')).verdict).toBe('drop');
    expect(evaluateCut(rules, { src: '10.1.0.5', dst: '10.2.7.1', proto: 'icmp', state: 'new' }).verdict).toBe('drop');
  });

  it('keeps the control channel and the allow-list (on their ports), and leaves other traffic alone', () => {
    expect(evaluateCut(rules, tcp('10.1.0.5', '10.8.0.5', 7373)).verdict).toBe('accept');
    expect(evaluateCut(rules, tcp('10.8.0.5', '10.1.0.5', 51000, 'established')).verdict).toBe('accept');
    expect(evaluateCut(rules, tcp('10.1.0.5', '10.9.3.3', 443)).verdict).toBe('accept');
    expect(evaluateCut(rules, { src: '10.1.0.5', dst: '10.9.3.3', proto: 'udp', dport: 8443, state: 'new' }).verdict).toBe('accept');
    expect(evaluateCut(rules, tcp('10.9.3.3', '10.1.0.5', 22)).verdict).toBe('accept');
    expect(evaluateCut(rules, tcp('10.4.0.1', '10.5.0.1')).verdict).toBe('accept');
  });

  it('an external cut drops the segment to and from the outside, not to internal networks', () => {
    const ext = buildCutRules({ ...SPEC, peers: [], external: true, internal: ['10.0.0.0/8'] });
    expect(evaluateCut(ext, tcp('10.1.0.5', '198.51.100.7', 443)).verdict).toBe('drop');
    expect(evaluateCut(ext, tcp('198.51.100.7', '10.1.0.5', 3389)).verdict).toBe('drop');
    expect(evaluateCut(ext, tcp('10.1.0.5', '10.2.0.1')).verdict).toBe('accept');
    expect(evaluateCut(ext, tcp('198.51.100.7', '10.2.0.1')).verdict).toBe('accept');
  });
});
