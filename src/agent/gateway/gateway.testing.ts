/**
 * Test double for the gateway (not used in production): an nft that keeps tables in memory (through the
 * isolation's FakeNft) and lists a cut table the way nftables 1.0 does, with single-element sets shown as a
 * plain address and counters that tests can raise. The namespace test runs the real nft.
 */
import { FakeNft } from '../agent.testing.js';
import type { ExecResult, SystemExecutor } from '../runtime/executor.js';

function element(text: string): unknown {
  const [addr, len] = text.split('/');
  return len === undefined ? addr : { prefix: { addr, len: Number(len) } };
}

function addressRight(list: string): unknown {
  const elements = list.split(',').map((s) => element(s.trim()));
  return elements.length === 1 ? elements[0] : { set: elements };
}

function numbersRight(text: string): unknown {
  const list = text.replace(/[{}]/g, '').split(',').map((s) => Number(s.trim()));
  return list.length === 1 ? list[0] : { set: list };
}

const m = (left: unknown, right: unknown, op = '==') => ({ match: { op, left, right } });

/** The `expr` list nft reports for one rendered cut rule. */
function exprOf(line: string, counters: { packets: number; bytes: number }): unknown[] {
  const expr: unknown[] = [];
  for (const a of line.matchAll(/\b(ip6?) (saddr|daddr) (!= )?\{ ([^}]*) \}/g)) {
    expr.push(m({ payload: { protocol: a[1], field: a[2] } }, addressRight(a[4] ?? ''), a[3] ? '!=' : '=='));
  }
  const tcp = /\btcp dport (\{[^}]*\}|\d+)/.exec(line);
  if (tcp?.[1]) expr.push(m({ payload: { protocol: 'tcp', field: 'dport' } }, numbersRight(tcp[1])));
  if (line.includes('meta l4proto { tcp, udp }')) expr.push(m({ meta: { key: 'l4proto' } }, { set: ['tcp', 'udp'] }));
  const th = /\bth dport (\{[^}]*\}|\d+)/.exec(line);
  if (th?.[1]) expr.push(m({ payload: { protocol: 'th', field: 'dport' } }, numbersRight(th[1])));
  if (line.includes('ct state established,related')) expr.push(m({ ct: { key: 'state' } }, ['established', 'related'], 'in'));
  if (/\bcounter\b/.test(line)) expr.push({ counter: { ...counters } });
  expr.push(/\bdrop\b/.test(line) ? { drop: null } : { accept: null });
  return expr;
}

/** The JSON `nft -j list table inet NAME` prints for a file rendered by `renderCutRuleset`. */
export function cutListingOf(table: string, text: string, counters: (comment: string) => { packets: number; bytes: number } = () => ({ packets: 0, bytes: 0 })): unknown {
  const out: unknown[] = [{ table: { family: 'inet', name: table } }];
  const head = /type filter hook forward priority (-?\d+); policy (\w+);/.exec(text);
  if (head) out.push({ chain: { family: 'inet', table, name: 'forward', type: 'filter', hook: 'forward', prio: Number(head[1]), policy: head[2] } });
  for (const line of text.split('\n')) {
    const comment = /comment "([^"]+)"/.exec(line)?.[1];
    if (comment) out.push({ rule: { family: 'inet', table, chain: 'forward', comment, expr: exprOf(line, counters(comment)) } });
  }
  return { nftables: out };
}

/** An nft in memory that knows cut tables (and, through FakeNft, everything else). */
export class FakeGatewayNft implements SystemExecutor {
  readonly inner = new FakeNft();
  /** Counters per table and rule comment (raise them to simulate dropped packets). */
  readonly counters = new Map<string, number>();
  /** Lines to drop from the listing (to simulate a table that differs from the intent). */
  hideRule: string | undefined;

  get tables(): Map<string, string> {
    return this.inner.tables;
  }

  run(argv: readonly string[], options: { input?: string } = {}): Promise<ExecResult> {
    const args = argv.slice(argv.lastIndexOf('nft') + 1).join(' ');
    const list = /^-j list table inet (firebreak_cut_\w+)$/.exec(args);
    const text = list?.[1] ? this.inner.tables.get(list[1]) : undefined;
    if (!list?.[1] || text === undefined) return this.inner.run(argv, options);
    const shown = this.hideRule ? text.split('\n').filter((l) => !l.includes(`"${this.hideRule}"`)).join('\n') : text;
    const table = list[1];
    const listing = cutListingOf(table, shown, (comment) => ({ packets: this.counters.get(`${table}/${comment}`) ?? 0, bytes: (this.counters.get(`${table}/${comment}`) ?? 0) * 60 }));
    return Promise.resolve({ code: 0, stdout: JSON.stringify(listing), stderr: '' });
  }
}
