import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AllowEntry } from '../protocol/command.js';
import { evaluate, inNetwork, type Packet } from './evaluate.js';
import { buildIsolationRules, renderRuleset, rulesetHash, type ControlEndpoint, type IsolationSpec } from './ruleset.js';

const SPEC: IsolationSpec = {
  table: 'firebreak_isolation',
  control: [{ address: '10.213.0.3', port: 7373 }],
  allow: [{ cidr: '10.50.0.0/16', ports: [8443, 443] }, { cidr: '192.0.2.10' }, { cidr: '2001:db8::/32', ports: [514] }],
};

describe('isolation ruleset', () => {
  it('renders one table that replaces itself atomically, with drop policies and the allowed peers', () => {
    expect(renderRuleset(buildIsolationRules(SPEC))).toMatchInlineSnapshot(`
      "table inet firebreak_isolation
      delete table inet firebreak_isolation
      table inet firebreak_isolation {
        chain output {
          type filter hook output priority 0; policy drop;
          oif "lo" accept comment "fb-lo-out"
          ip daddr 10.213.0.3 tcp dport 7373 accept comment "fb-ctl-out-0"
          ip daddr 10.50.0.0/16 meta l4proto { tcp, udp } th dport { 443, 8443 } accept comment "fb-allow-out-0"
          ip daddr 192.0.2.10 accept comment "fb-allow-out-1"
          ip6 daddr 2001:db8::/32 meta l4proto { tcp, udp } th dport 514 accept comment "fb-allow-out-2"
          icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept comment "fb-nd-out"
        }
        chain input {
          type filter hook input priority 0; policy drop;
          iif "lo" accept comment "fb-lo-in"
          ip saddr 10.213.0.3 tcp sport 7373 ct state established,related accept comment "fb-ctl-in-0"
          ip saddr 10.50.0.0/16 meta l4proto { tcp, udp } th sport { 443, 8443 } ct state established,related accept comment "fb-allow-in-0"
          ip saddr 192.0.2.10 ct state established,related accept comment "fb-allow-in-1"
          ip6 saddr 2001:db8::/32 meta l4proto { tcp, udp } th sport 514 ct state established,related accept comment "fb-allow-in-2"
          icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept comment "fb-nd-in"
        }
      }
      "
    `);
  });

  it('leaves out neighbour discovery when every peer is IPv4, and hashes the text', () => {
    const text = renderRuleset(buildIsolationRules({ ...SPEC, allow: [] }));
    expect(text).not.toContain('icmpv6');
    expect(rulesetHash(text)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rulesetHash(text)).toBe(rulesetHash(renderRuleset(buildIsolationRules({ ...SPEC, allow: [] }))));
  });

  it('refuses a table name nftables would misread', () => {
    expect(() => buildIsolationRules({ ...SPEC, table: 'x; flush ruleset' })).toThrow(/table name/);
  });
});

// --- property: the rules accept exactly the intended traffic -------------------------------------------------

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(fc.constantFrom(10, 172, 192), octet, octet, octet).map((p) => p.join('.'));
const port = fc.integer({ min: 1, max: 65535 });
const smallPort = fc.constantFrom(22, 53, 443, 514, 7373, 8443);
const network = fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([ip, len]) => {
  const value = ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(o), 0n) & (((1n << 32n) - 1n) ^ ((1n << BigInt(32 - len)) - 1n));
  const text = [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  return len === 32 ? text : `${text}/${len}`;
});
const allowEntry: fc.Arbitrary<AllowEntry> = fc.record({ cidr: network, ports: fc.option(fc.uniqueArray(smallPort, { minLength: 1, maxLength: 3 }), { nil: undefined }) }).map((a) => (a.ports ? a : { cidr: a.cidr }));
const control: fc.Arbitrary<ControlEndpoint> = fc.record({ address: ipv4, port });
const spec = fc.record({ control: fc.array(control, { minLength: 1, maxLength: 2 }), allow: fc.array(allowEntry, { maxLength: 4 }) }).map((s) => ({ table: 'firebreak_isolation', ...s }));

const packet = (s: IsolationSpec): fc.Arbitrary<Packet> => {
  const knownPeers = [...s.control.map((c) => c.address), ...s.allow.map((a) => a.cidr.split('/')[0] ?? '')];
  return fc.record({
    chain: fc.constantFrom('input' as const, 'output' as const),
    iface: fc.constantFrom('lo', 'eth0', 'eth0', 'eth0'),
    peer: knownPeers.length ? fc.oneof(ipv4, fc.constantFrom(...knownPeers)) : ipv4,
    proto: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const),
    peerPort: fc.oneof(port, smallPort, fc.constantFrom(...s.control.map((c) => c.port))),
    state: fc.constantFrom('new' as const, 'established' as const),
  });
};

/** What the isolation means, written independently of the rule builder. */
function intended(s: IsolationSpec, p: Packet): boolean {
  if (p.iface === 'lo') return true;
  if (p.chain === 'input' && p.state !== 'established') return false;
  if (s.control.some((c) => c.address === p.peer && p.proto === 'tcp' && p.peerPort === c.port)) return true;
  return s.allow.some((a) => inNetwork(a.cidr, p.peer) && (a.ports === undefined || ((p.proto === 'tcp' || p.proto === 'udp') && a.ports.includes(p.peerPort ?? -1))));
}

describe('isolation ruleset properties', () => {
  it('accepts exactly loopback, the control channel and the allow-list (replies only coming in)', () => {
    fc.assert(
      fc.property(spec.chain((s) => fc.tuple(fc.constant(s), fc.array(packet(s), { minLength: 20, maxLength: 20 }))), ([s, packets]) => {
        const rules = buildIsolationRules(s);
        for (const p of packets) expect(evaluate(rules, p) === 'accept', JSON.stringify(p)).toBe(intended(s, p));
      }),
      { numRuns: 300 },
    );
  });

  it('renders every allowed destination, and one accept statement per rule and nothing else', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const rules = buildIsolationRules(s);
        const text = renderRuleset(rules);
        const accepts = text.split('\n').filter((line) => /\baccept\b/.test(line));
        expect(accepts).toHaveLength(rules.rules.length);
        for (const rule of rules.rules) expect(accepts.filter((l) => l.includes(`comment "${rule.comment}"`))).toHaveLength(1);
        for (const c of s.control) expect(text).toContain(`ip daddr ${c.address} tcp dport ${c.port} accept`);
        for (const a of s.allow) expect(text).toContain(`ip daddr ${a.cidr} `);
        expect(text.match(/policy drop;/g)).toHaveLength(2);
        expect(text).not.toMatch(/policy accept/);
      }),
      { numRuns: 200 },
    );
  });
});
