/**
 * Checks the table that nftables reports (`nft -j list table inet NAME`) against the rules that were meant:
 * both chains hooked with a drop policy, exactly the expected rules (by comment), each with the expected peer
 * address and ports. Pure; the evidence says what was found.
 */
import { parseIp } from '../../estate/index.js';
import type { Chain, IsolationRule, IsolationRules } from './ruleset.js';

export interface ListedCheck {
  ok: boolean;
  problems: string[];
  /** Rules found in the table. */
  ruleCount: number;
}

type JsonObject = Record<string, unknown>;

function obj(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function entries(listing: unknown, kind: string): JsonObject[] {
  const list = obj(listing)?.['nftables'];
  if (!Array.isArray(list)) return [];
  return list.map((item) => obj(obj(item)?.[kind])).filter((x): x is JsonObject => x !== undefined);
}

/** Normalises an address or prefix from nft JSON (`"10.0.0.3"` or `{prefix:{addr,len}}`) to `family:value/len`. */
function addressKey(right: unknown): string | undefined {
  const prefix = obj(obj(right)?.['prefix']);
  const addr = typeof right === 'string' ? right : prefix?.['addr'];
  if (typeof addr !== 'string') return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const len = typeof prefix?.['len'] === 'number' ? prefix['len'] : ip.family === 4 ? 32 : 128;
  return `${ip.family}:${ip.value}/${len}`;
}

function cidrKey(cidr: string): string | undefined {
  const [addr, len] = cidr.split('/');
  const ip = parseIp(addr ?? '');
  if (!ip) return undefined;
  return `${ip.family}:${ip.value}/${len ?? (ip.family === 4 ? 32 : 128)}`;
}

function portsOf(right: unknown): number[] | undefined {
  if (typeof right === 'number') return [right];
  const set = obj(right)?.['set'];
  return Array.isArray(set) && set.every((p) => typeof p === 'number') ? [...set].sort((a, b) => a - b) : undefined;
}

/** The peer address and ports a listed rule matches on. */
function peerOf(rule: JsonObject): { address?: string; ports?: number[] } {
  const found: { address?: string; ports?: number[] } = {};
  const expr = Array.isArray(rule['expr']) ? rule['expr'] : [];
  for (const item of expr) {
    const match = obj(obj(item)?.['match']);
    const payload = obj(obj(match?.['left'])?.['payload']);
    const field = payload?.['field'];
    if (field === 'daddr' || field === 'saddr') {
      const key = addressKey(match?.['right']);
      if (key) found.address = key;
    }
    if (field === 'dport' || field === 'sport') {
      const ports = portsOf(match?.['right']);
      if (ports) found.ports = ports;
    }
  }
  return found;
}

function checkRule(expected: IsolationRule, listed: JsonObject): string[] {
  if (expected.cidr === undefined) return [];
  const peer = peerOf(listed);
  const problems: string[] = [];
  if (peer.address !== cidrKey(expected.cidr)) problems.push(`rule ${expected.comment}: expected peer ${expected.cidr}`);
  const want = expected.ports ? [...expected.ports].sort((a, b) => a - b).join(',') : undefined;
  if ((peer.ports?.join(',') ?? undefined) !== want) problems.push(`rule ${expected.comment}: expected ports ${want ?? 'any'}`);
  return problems;
}

function commentOf(rule: JsonObject): string {
  return typeof rule['comment'] === 'string' ? rule['comment'] : '';
}

function checkChain(listing: unknown, rules: IsolationRules, chain: Chain): string[] {
  const problems: string[] = [];
  const found = entries(listing, 'chain').find((c) => c['name'] === chain && c['table'] === rules.table);
  if (!found) return [`chain ${chain} is missing`];
  if (found['hook'] !== chain) problems.push(`chain ${chain} is not hooked on ${chain}`);
  if (found['policy'] !== 'drop') problems.push(`chain ${chain} has policy ${String(found['policy'])}, not drop`);
  const listed = entries(listing, 'rule').filter((r) => r['chain'] === chain && r['table'] === rules.table);
  const expected = rules.rules.filter((r) => r.chain === chain);
  const byComment = new Map(listed.map((r) => [commentOf(r), r]));
  for (const rule of expected) {
    const match = byComment.get(rule.comment);
    if (!match) problems.push(`rule ${rule.comment} is missing`);
    else problems.push(...checkRule(rule, match));
  }
  const known = new Set(expected.map((r) => r.comment));
  for (const r of listed) if (!known.has(commentOf(r))) problems.push(`unexpected rule in ${chain}: ${commentOf(r) || '(no comment)'}`);
  return problems;
}

/** Compares the listing with the intended rules. */
export function checkListedTable(listing: unknown, rules: IsolationRules): ListedCheck {
  const table = entries(listing, 'table').find((t) => t['name'] === rules.table && t['family'] === 'inet');
  const ruleCount = entries(listing, 'rule').filter((r) => r['table'] === rules.table).length;
  if (!table) return { ok: false, problems: [`table inet ${rules.table} is not loaded`], ruleCount };
  const problems = [...checkChain(listing, rules, 'output'), ...checkChain(listing, rules, 'input')];
  return { ok: problems.length === 0, problems, ruleCount };
}
