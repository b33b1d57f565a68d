/**
 * Checks what nftables reports for a cut (`nft -j list table inet firebreak_cut_<id>`) against the intended
 * rules (pure): the forward chain hooked at the right priority with policy accept, exactly the expected rules
 * (by comment) in the expected order, each matching the same addresses (compared as merged intervals, since
 * nftables merges set elements), ports, connection state and verdict.
 */
import type { ListedCheck } from '../isolation/check-listed.js';
import { CUT_CHAIN, CUT_PRIORITY, type AddressMatch, type CutRule, type CutRules } from './cut-ruleset.js';
import { intervalsOf, sameIntervals } from './intervals.js';
import { commentOf, counterOf, items, matchesOf, rightIntervals, rightNumbers, rightStrings, verdictOf, type JsonObject, type ListedMatch } from './nft-json.js';

function checkAddress(rule: CutRule, side: 'saddr' | 'daddr', want: AddressMatch, found: ListedMatch[]): string[] {
  const key = `${rule.family === 6 ? 'ip6' : 'ip'}.${side}`;
  const m = found.find((x) => x.key === key);
  const expected = `${want.negate ? '!= ' : ''}${want.cidrs.join(', ')}`;
  if (!m) return [`rule ${rule.comment}: no ${key} match (expected ${expected})`];
  const listed = rightIntervals(m.right);
  const sameOp = m.op === (want.negate ? '!=' : '==');
  return sameOp && listed && sameIntervals(listed, intervalsOf(want.cidrs)) ? [] : [`rule ${rule.comment}: ${key} differs from ${expected}`];
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkPortsAndState(rule: CutRule, found: ListedMatch[]): string[] {
  const problems: string[] = [];
  const dport = found.find((x) => x.key === 'tcp.dport' || x.key === 'th.dport');
  if (rule.ports) {
    const wantKey = rule.proto === 'tcp' ? 'tcp.dport' : 'th.dport';
    if (dport?.key !== wantKey || !sameList(rightNumbers(dport.right), rule.ports)) problems.push(`rule ${rule.comment}: expected ${wantKey} ${rule.ports.join(',')}`);
    if (rule.proto === 'tcp+udp' && !sameList(rightStrings(found.find((x) => x.key === 'meta.l4proto')?.right), ['tcp', 'udp'])) problems.push(`rule ${rule.comment}: expected meta l4proto { tcp, udp }`);
  } else if (dport) {
    problems.push(`rule ${rule.comment}: matches ports, expected all ports`);
  }
  const state = found.find((x) => x.key === 'ct.state');
  if (rule.established && !sameList(rightStrings(state?.right), ['established', 'related'])) problems.push(`rule ${rule.comment}: expected ct state established,related`);
  if (!rule.established && state) problems.push(`rule ${rule.comment}: matches a connection state, expected none`);
  return problems;
}

function expectedMatchCount(rule: CutRule): number {
  return 2 + (rule.ports ? (rule.proto === 'tcp+udp' ? 2 : 1) : 0) + (rule.established ? 1 : 0);
}

function checkRule(rule: CutRule, listed: JsonObject): string[] {
  const found = matchesOf(listed);
  const problems = [...checkAddress(rule, 'saddr', rule.src, found), ...checkAddress(rule, 'daddr', rule.dst, found), ...checkPortsAndState(rule, found)];
  if (found.length !== expectedMatchCount(rule)) problems.push(`rule ${rule.comment}: ${found.length} matches, expected ${expectedMatchCount(rule)}`);
  const verdict = verdictOf(listed);
  if (verdict !== rule.verdict) problems.push(`rule ${rule.comment}: verdict ${verdict ?? 'none'}, expected ${rule.verdict}`);
  return problems;
}

function checkChain(listing: unknown, rules: CutRules): string[] {
  const chain = items(listing, 'chain').find((c) => c['name'] === CUT_CHAIN && c['table'] === rules.table);
  if (!chain) return [`chain ${CUT_CHAIN} is missing`];
  const problems: string[] = [];
  if (chain['hook'] !== 'forward' || chain['type'] !== 'filter') problems.push(`chain ${CUT_CHAIN} is not a filter chain on the forward hook`);
  if (chain['prio'] !== CUT_PRIORITY) problems.push(`chain ${CUT_CHAIN} has priority ${String(chain['prio'])}, expected ${CUT_PRIORITY}`);
  if (chain['policy'] !== 'accept') problems.push(`chain ${CUT_CHAIN} has policy ${String(chain['policy'])}, expected accept`);
  return problems;
}

function listedRules(listing: unknown, table: string): JsonObject[] {
  return items(listing, 'rule').filter((r) => r['table'] === table && r['chain'] === CUT_CHAIN);
}

/** Compares the listing with the intended rules of a cut. */
export function checkListedCut(listing: unknown, rules: CutRules): ListedCheck {
  const listed = listedRules(listing, rules.table);
  const ruleCount = items(listing, 'rule').filter((r) => r['table'] === rules.table).length;
  if (!items(listing, 'table').some((t) => t['name'] === rules.table && t['family'] === 'inet')) {
    return { ok: false, problems: [`table inet ${rules.table} is not loaded`], ruleCount };
  }
  const problems = checkChain(listing, rules);
  const byComment = new Map(listed.map((r) => [commentOf(r), r]));
  for (const rule of rules.rules) {
    const found = byComment.get(rule.comment);
    problems.push(...(found ? checkRule(rule, found) : [`rule ${rule.comment} is missing`]));
  }
  const known = new Set(rules.rules.map((r) => r.comment));
  for (const r of listed) if (!known.has(commentOf(r))) problems.push(`unexpected rule: ${commentOf(r) || '(no comment)'}`);
  const order = listed.map(commentOf).filter((c) => known.has(c));
  if (problems.length === 0 && !sameList(order, rules.rules.map((r) => r.comment))) problems.push(`rules are out of order: ${order.join(', ')}`);
  return { ok: problems.length === 0, problems, ruleCount };
}

export interface CutCounters {
  /** Packets and bytes dropped by the cut's drop rules since the table was loaded. */
  dropped: { packets: number; bytes: number };
  byRule: Record<string, { packets: number; bytes: number }>;
}

/** The counters of a cut's rules (drop rules carry one). */
export function cutCounters(listing: unknown, table: string): CutCounters {
  const out: CutCounters = { dropped: { packets: 0, bytes: 0 }, byRule: {} };
  for (const rule of listedRules(listing, table)) {
    const counter = counterOf(rule);
    if (!counter) continue;
    out.byRule[commentOf(rule)] = counter;
    if (verdictOf(rule) === 'drop') {
      out.dropped.packets += counter.packets;
      out.dropped.bytes += counter.bytes;
    }
  }
  return out;
}
