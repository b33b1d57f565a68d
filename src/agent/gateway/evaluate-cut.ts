/**
 * What a cut does with a forwarded packet, the way nftables would (pure): the first rule that matches decides,
 * and the chain's policy is accept. Used by the tests, and usable to explain a cut ("is 10.1.0.5 -> 10.2.0.9:445
 * still allowed?").
 */
import { parseIp } from '../../estate/index.js';
import { intervalsContain, intervalsOf } from './intervals.js';
import type { AddressMatch, CutRule, CutRules } from './cut-ruleset.js';

export interface ForwardedPacket {
  src: string;
  dst: string;
  proto: 'tcp' | 'udp' | 'icmp';
  dport?: number;
  /** `new` for the first packet of a connection, `established` for the later ones and replies. */
  state: 'new' | 'established';
}

function addressMatches(m: AddressMatch, address: string): boolean {
  return intervalsContain(intervalsOf(m.cidrs), address) !== m.negate;
}

export function cutRuleMatches(rule: CutRule, packet: ForwardedPacket): boolean {
  if (parseIp(packet.src)?.family !== rule.family || parseIp(packet.dst)?.family !== rule.family) return false;
  if (!addressMatches(rule.src, packet.src) || !addressMatches(rule.dst, packet.dst)) return false;
  if (rule.proto === 'tcp' && packet.proto !== 'tcp') return false;
  if (rule.proto === 'tcp+udp' && packet.proto === 'icmp') return false;
  if (rule.ports !== undefined && (packet.dport === undefined || !rule.ports.includes(packet.dport))) return false;
  return !rule.established || packet.state === 'established';
}

/** `drop` when the first matching rule drops, otherwise `accept` (a matching accept, or the chain policy). */
export function evaluateCut(rules: CutRules, packet: ForwardedPacket): { verdict: 'accept' | 'drop'; rule?: string } {
  const rule = rules.rules.find((r) => cutRuleMatches(r, packet));
  return rule ? { verdict: rule.verdict, rule: rule.comment } : { verdict: 'accept' };
}
