/**
 * Decides what the isolation rules do with a packet, the way nftables would (first accepting rule wins, the
 * chain policy is drop). Pure; used by the property tests and usable by a planner to explain an isolation.
 */
import { cidrContains, parseCidr, parseIp } from '../../estate/index.js';
import type { Chain, IsolationRule, IsolationRules } from './ruleset.js';

export interface Packet {
  chain: Chain;
  /** `lo` for loopback, anything else for a real interface. */
  iface: string;
  /** The remote address: destination going out, source coming in. */
  peer: string;
  proto: 'tcp' | 'udp' | 'icmp' | 'icmpv6-nd';
  /** The remote port (TCP/UDP). */
  peerPort?: number;
  /** `new` for a first packet, `established` for a reply or later packet of a connection. */
  state: 'new' | 'established';
}

/** True when the address lies in the network (an address alone means a /32 or /128). */
export function inNetwork(cidr: string, address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const single = parseIp(cidr);
  if (single) return single.family === ip.family && single.value === ip.value;
  const network = parseCidr(cidr);
  return !('error' in network) && cidrContains(network, ip);
}

function protoMatches(rule: IsolationRule, packet: Packet): boolean {
  if (rule.proto === undefined) return true;
  if (rule.proto === 'tcp') return packet.proto === 'tcp';
  return packet.proto === 'tcp' || packet.proto === 'udp';
}

export function ruleMatches(rule: IsolationRule, packet: Packet): boolean {
  if (rule.chain !== packet.chain) return false;
  if (rule.kind === 'loopback') return packet.iface === 'lo';
  if (rule.kind === 'neighbour-discovery') return packet.proto === 'icmpv6-nd';
  if (rule.cidr === undefined || !inNetwork(rule.cidr, packet.peer)) return false;
  if (!protoMatches(rule, packet)) return false;
  if (rule.ports !== undefined && (packet.peerPort === undefined || !rule.ports.includes(packet.peerPort))) return false;
  return !rule.established || packet.state === 'established';
}

/** `accept` when a rule matches, otherwise the chain's policy: `drop`. */
export function evaluate(rules: IsolationRules, packet: Packet): 'accept' | 'drop' {
  return rules.rules.some((rule) => ruleMatches(rule, packet)) ? 'accept' : 'drop';
}
