/**
 * A segment cut as nftables rules (pure). Each cut is a table of its own, `inet firebreak_cut_<cutId>`, with
 * one base chain on the `forward` hook (priority -10, policy accept) that drops forwarded traffic between the
 * segment's networks and (a) everything outside the estate's internal networks when `external` is set,
 * (b) each peer network. The Firebreak server's control port and the allow-list stay open; they come first.
 * Only forwarded traffic is touched: the gateway's own input and output are not.
 *
 * @example
 * const rules = buildCutRules({ cutId: 'jp_office', segment: 'jp-office', cidrs: ['10.40.0.0/16'], external: true,
 *   internal: ['10.0.0.0/8'], peers: [], allow: [], control: [{ address: '10.1.0.5', port: 443 }] });
 * const text = renderCutRuleset(rules); // for `nft -f -`
 */
import type { AllowEntry } from '../protocol/command.js';
import { familyOf, type ControlEndpoint } from '../isolation/ruleset.js';
import { cidrInterval, intervalsOf, intervalsOverlap } from './intervals.js';

export const CUT_TABLE_PREFIX = 'firebreak_cut_';
export const CUT_CHAIN = 'forward';
export const CUT_PRIORITY = -10;

export interface CutSpec {
  cutId: string;
  segment: string;
  cidrs: string[];
  external: boolean;
  internal: string[];
  peers: string[];
  allow: AllowEntry[];
  /** The Firebreak server(s): hosts in the segment keep their control channel (like an isolated host). */
  control: ControlEndpoint[];
}

export interface AddressMatch {
  cidrs: string[];
  negate: boolean;
}

export interface CutRule {
  comment: string;
  kind: 'control' | 'allow' | 'peer' | 'external';
  family: 4 | 6;
  src: AddressMatch;
  dst: AddressMatch;
  proto?: 'tcp' | 'tcp+udp';
  /** Destination ports. */
  ports?: number[];
  /** Only packets of connections already accepted (replies). */
  established?: boolean;
  verdict: 'accept' | 'drop';
}

export interface CutRules {
  table: string;
  cutId: string;
  rules: CutRule[];
}

/** A cut that cannot be built (overlapping networks, nothing to drop); `code` goes into the failed result. */
export class CutSpecError extends Error {
  readonly code = 'invalid_cut';
}

const CUT_ID = /^[a-z0-9_]{1,40}$/;

export function cutTableName(cutId: string): string {
  if (!CUT_ID.test(cutId)) throw new CutSpecError(`cut id '${cutId}' must be 1 to 40 lower-case letters, digits or _`);
  return `${CUT_TABLE_PREFIX}${cutId}`;
}

/** Distinct CIDRs of one family, in address order (so the rendered file, and its hash, are stable). */
function ofFamily(cidrs: readonly string[], family: 4 | 6): string[] {
  const key = (c: string) => cidrInterval(c)?.lo ?? 0n;
  return [...new Set(cidrs.filter((c) => familyOf(c) === family))].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.localeCompare(b)));
}

const match = (cidrs: string[], negate = false): AddressMatch => ({ cidrs, negate });

function openRules(spec: CutSpec, family: 4 | 6, seg: string[]): CutRule[] {
  const rules: CutRule[] = [];
  spec.control.forEach((c, i) => {
    if (familyOf(c.address) !== family) return;
    const base = { kind: 'control', family, verdict: 'accept' } as const;
    rules.push({ ...base, comment: `fb-cut-ctl-out-${i}`, src: match(seg), dst: match([c.address]), proto: 'tcp', ports: [c.port] });
    rules.push({ ...base, comment: `fb-cut-ctl-in-${i}`, src: match([c.address]), dst: match(seg), established: true });
  });
  spec.allow.forEach((a, i) => {
    if (familyOf(a.cidr) !== family) return;
    const base = { kind: 'allow', family, verdict: 'accept' } as const;
    const ports = a.ports ? { proto: 'tcp+udp' as const, ports: [...a.ports].sort((x, y) => x - y) } : {};
    rules.push({ ...base, comment: `fb-cut-allow-out-${i}`, src: match(seg), dst: match([a.cidr]), ...ports });
    rules.push({ ...base, comment: `fb-cut-allow-in-${i}`, src: match([a.cidr]), dst: match(seg), ...(a.ports ? { established: true } : {}) });
  });
  return rules;
}

function dropRules(spec: CutSpec, family: 4 | 6, seg: string[]): CutRule[] {
  const rules: CutRule[] = [];
  const peers = ofFamily(spec.peers, family);
  if (peers.length > 0) {
    rules.push({ comment: `fb-cut-peer-out-${family}`, kind: 'peer', family, src: match(seg), dst: match(peers), verdict: 'drop' });
    rules.push({ comment: `fb-cut-peer-in-${family}`, kind: 'peer', family, src: match(peers), dst: match(seg), verdict: 'drop' });
  }
  if (spec.external) {
    const inside = ofFamily([...spec.internal, ...seg], family);
    rules.push({ comment: `fb-cut-ext-out-${family}`, kind: 'external', family, src: match(seg), dst: match(inside, true), verdict: 'drop' });
    rules.push({ comment: `fb-cut-ext-in-${family}`, kind: 'external', family, src: match(inside, true), dst: match(seg), verdict: 'drop' });
  }
  return rules;
}

/** The rules of a cut, in the order they are rendered: what stays open first, then the drops. */
export function buildCutRules(spec: CutSpec): CutRules {
  const table = cutTableName(spec.cutId);
  if (intervalsOverlap(intervalsOf(spec.peers), intervalsOf(spec.cidrs))) {
    throw new CutSpecError(`a peer network overlaps the segment ${spec.segment} itself (${spec.cidrs.join(', ')}); list only other segments' networks as peers`);
  }
  const rules: CutRule[] = [];
  for (const family of [4, 6] as const) {
    const seg = ofFamily(spec.cidrs, family);
    if (seg.length === 0) continue;
    rules.push(...openRules(spec, family, seg), ...dropRules(spec, family, seg));
  }
  if (!rules.some((r) => r.verdict === 'drop')) {
    throw new CutSpecError(`the cut of ${spec.segment} would drop nothing: no peer network of the segment's address family and external is false`);
  }
  return { table, cutId: spec.cutId, rules };
}

function renderAddress(family: 4 | 6, side: 'saddr' | 'daddr', m: AddressMatch): string {
  return `${family === 6 ? 'ip6' : 'ip'} ${side} ${m.negate ? '!= ' : ''}{ ${m.cidrs.join(', ')} }`;
}

/** One rule as an nft statement. */
export function renderCutRule(rule: CutRule): string {
  const parts = [renderAddress(rule.family, 'saddr', rule.src), renderAddress(rule.family, 'daddr', rule.dst)];
  if (rule.proto !== undefined && rule.ports !== undefined) {
    const ports = rule.ports.length === 1 ? String(rule.ports[0]) : `{ ${rule.ports.join(', ')} }`;
    parts.push(rule.proto === 'tcp' ? `tcp dport ${ports}` : `meta l4proto { tcp, udp } th dport ${ports}`);
  }
  if (rule.established) parts.push('ct state established,related');
  if (rule.verdict === 'drop') parts.push('counter');
  parts.push(rule.verdict, `comment "${rule.comment}"`);
  return parts.join(' ');
}

/** The `nft -f` file: declare, delete and declare the table again, so loading it is one atomic replace. */
export function renderCutRuleset(rules: CutRules): string {
  const t = `inet ${rules.table}`;
  return [
    `table ${t}`,
    `delete table ${t}`,
    `table ${t} {`,
    `  chain ${CUT_CHAIN} {`,
    `    type filter hook forward priority ${CUT_PRIORITY}; policy accept;`,
    ...rules.rules.map((r) => `    ${renderCutRule(r)}`),
    '  }',
    '}',
    '',
  ].join('\n');
}
