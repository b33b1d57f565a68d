/**
 * The isolation ruleset (pure). An nftables table of its own, with two base chains that drop everything by
 * default; only loopback, the Firebreak control channel and the allow-list stay open (new connections go out,
 * replies come back). The rules are built as data first (`buildIsolationRules`), so that tests can evaluate
 * packets against them, then rendered as an `nft -f` file that replaces the table atomically.
 *
 * @example
 * const text = renderRuleset(buildIsolationRules({ table: 'firebreak_isolation',
 *   control: [{ address: '10.0.0.3', port: 7373 }], allow: [{ cidr: '10.9.0.0/16', ports: [443] }] }));
 */
import { createHash } from 'node:crypto';
import { parseIp } from '../../estate/index.js';
import type { AllowEntry } from '../protocol/command.js';

export const DEFAULT_TABLE = 'firebreak_isolation';
const TABLE_NAME = /^[a-z][a-z0-9_]{0,30}$/;

/** A Firebreak server's address and control-channel port (TCP). */
export interface ControlEndpoint {
  address: string;
  port: number;
}

export interface IsolationSpec {
  table: string;
  control: ControlEndpoint[];
  allow: AllowEntry[];
}

export type Chain = 'input' | 'output';

/** One accept rule. For peers, `cidr` and `ports` are the remote side: daddr/dport going out, saddr/sport coming in. */
export interface IsolationRule {
  chain: Chain;
  comment: string;
  kind: 'loopback' | 'control' | 'allow' | 'neighbour-discovery';
  family?: 4 | 6;
  cidr?: string;
  proto?: 'tcp' | 'tcp+udp';
  ports?: readonly number[];
  /** Coming in, only replies to connections this host opened. */
  established?: boolean;
}

export interface IsolationRules {
  table: string;
  rules: IsolationRule[];
}

/** The family of an address or CIDR (`10.0.0.0/8`, `fd00::1`). */
export function familyOf(cidr: string): 4 | 6 {
  const address = parseIp(cidr.split('/')[0] ?? '');
  if (!address) throw new TypeError(`'${cidr}' is not an address or CIDR`);
  return address.family;
}

function peerRules(kind: 'control' | 'allow', index: number, cidr: string, proto: IsolationRule['proto'], ports: readonly number[] | undefined): IsolationRule[] {
  const family = familyOf(cidr);
  const base = { kind, family, cidr, ...(proto ? { proto } : {}), ...(ports ? { ports: [...ports].sort((a, b) => a - b) } : {}) };
  const tag = kind === 'control' ? 'ctl' : 'allow';
  return [
    { chain: 'output', comment: `fb-${tag}-out-${index}`, ...base },
    { chain: 'input', comment: `fb-${tag}-in-${index}`, ...base, established: true },
  ];
}

/** The rules for a spec, in the order they are rendered. */
export function buildIsolationRules(spec: IsolationSpec): IsolationRules {
  if (!TABLE_NAME.test(spec.table)) throw new TypeError(`table name '${spec.table}' must be lower-case letters, digits and _`);
  const rules: IsolationRule[] = [
    { chain: 'output', comment: 'fb-lo-out', kind: 'loopback' },
    { chain: 'input', comment: 'fb-lo-in', kind: 'loopback' },
  ];
  spec.control.forEach((c, i) => rules.push(...peerRules('control', i, c.address, 'tcp', [c.port])));
  spec.allow.forEach((a, i) => rules.push(...peerRules('allow', i, a.cidr, a.ports ? 'tcp+udp' : undefined, a.ports)));
  if (rules.some((r) => r.family === 6)) {
    rules.push({ chain: 'output', comment: 'fb-nd-out', kind: 'neighbour-discovery' });
    rules.push({ chain: 'input', comment: 'fb-nd-in', kind: 'neighbour-discovery' });
  }
  return { table: spec.table, rules };
}

const ND_TYPES = 'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert }';

/** One rule as an nft statement. */
export function renderRule(rule: IsolationRule): string {
  const parts: string[] = [];
  if (rule.kind === 'loopback') parts.push(rule.chain === 'output' ? 'oif "lo"' : 'iif "lo"');
  if (rule.kind === 'neighbour-discovery') parts.push(ND_TYPES);
  if (rule.cidr !== undefined) {
    const side = rule.chain === 'output' ? 'daddr' : 'saddr';
    parts.push(`${rule.family === 6 ? 'ip6' : 'ip'} ${side} ${rule.cidr}`);
  }
  if (rule.proto !== undefined && rule.ports !== undefined) {
    const port = rule.chain === 'output' ? 'dport' : 'sport';
    const ports = rule.ports.length === 1 ? String(rule.ports[0]) : `{ ${rule.ports.join(', ')} }`;
    parts.push(rule.proto === 'tcp' ? `tcp ${port} ${ports}` : `meta l4proto { tcp, udp } th ${port} ${ports}`);
  }
  if (rule.established) parts.push('ct state established,related');
  parts.push('accept', `comment "${rule.comment}"`);
  return parts.join(' ');
}

function renderChain(rules: IsolationRules, chain: Chain): string[] {
  return [
    `  chain ${chain} {`,
    `    type filter hook ${chain} priority 0; policy drop;`,
    ...rules.rules.filter((r) => r.chain === chain).map((r) => `    ${renderRule(r)}`),
    '  }',
  ];
}

/**
 * The `nft -f` file. Declaring the table, deleting it and declaring it again in one file is nftables' idiom
 * for an atomic replace: the whole file is one transaction, so there is never a moment without the rules.
 */
export function renderRuleset(rules: IsolationRules): string {
  const t = `inet ${rules.table}`;
  return [`table ${t}`, `delete table ${t}`, `table ${t} {`, ...renderChain(rules, 'output'), ...renderChain(rules, 'input'), '}', ''].join('\n');
}

/** sha256 of the rendered file: the ruleset's identity in evidence and in the state file. */
export function rulesetHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
