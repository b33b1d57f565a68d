/**
 * Test doubles for the agent (not used in production): an nft that keeps tables in memory and lists them the
 * way nftables 1.0 does, and a prober that answers from that state. They let the runner, the handlers and the
 * server channel be tested without root; the namespace test runs the real nft.
 */
import { inNetwork } from './isolation/evaluate.js';
import type { ProbeAttempt, Prober } from './isolation/probe.js';
import type { ExecResult, SystemExecutor } from './runtime/executor.js';

const ok = (stdout = ''): ExecResult => ({ code: 0, stdout, stderr: '' });
const fail = (stderr: string): ExecResult => ({ code: 1, stdout: '', stderr });

function prefixRight(text: string): unknown {
  const [addr, len] = text.split('/');
  return len === undefined ? addr : { prefix: { addr, len: Number(len) } };
}

function portsRight(text: string): unknown {
  const ports = text.replace(/[{}]/g, '').split(',').map((p) => Number(p.trim())).filter((p) => p > 0);
  return ports.length === 1 ? ports[0] : { set: ports };
}

/** One `nft -j` rule from a rendered statement line. */
function ruleJson(table: string, chain: string, line: string): unknown {
  const expr: unknown[] = [];
  const addr = /\b(ip6?) (daddr|saddr) (\S+)/.exec(line);
  if (addr?.[1] && addr[2] && addr[3]) expr.push({ match: { op: '==', left: { payload: { protocol: addr[1], field: addr[2] } }, right: prefixRight(addr[3]) } });
  const port = /\b(dport|sport) (\{[^}]*\}|\d+)/.exec(line);
  if (port?.[1] && port[2]) expr.push({ match: { op: '==', left: { payload: { protocol: 'th', field: port[1] } }, right: portsRight(port[2]) } });
  expr.push({ accept: null });
  return { rule: { family: 'inet', table, chain, comment: /comment "([^"]+)"/.exec(line)?.[1], expr } };
}

/** The JSON `nft -j list table inet NAME` prints for a ruleset file rendered by `renderRuleset`. */
export function listingOf(table: string, text: string): unknown {
  const items: unknown[] = [{ table: { family: 'inet', name: table } }];
  let chain = '';
  for (const line of text.split('\n')) {
    const head = /^\s*chain (\w+) \{/.exec(line);
    if (head?.[1]) {
      chain = head[1];
      items.push({ chain: { family: 'inet', table, name: chain, type: 'filter', hook: chain, prio: 0, policy: 'drop' } });
    } else if (/\baccept\b/.test(line) && chain) {
      items.push(ruleJson(table, chain, line));
    }
  }
  return { nftables: items };
}

/** An nft that keeps `inet` tables in memory. `argv` may carry a prefix (e.g. `ip netns exec x nft`). */
export class FakeNft implements SystemExecutor {
  readonly tables = new Map<string, string>();
  readonly calls: string[][] = [];
  failNextApply: string | undefined;

  run(argv: readonly string[], options: { input?: string } = {}): Promise<ExecResult> {
    const args = argv.slice(argv.lastIndexOf('nft') + 1);
    this.calls.push([...args]);
    return Promise.resolve(this.dispatch(args, options.input ?? ''));
  }

  private dispatch(args: string[], input: string): ExecResult {
    const joined = args.join(' ');
    if (joined === '-f -') return this.apply(input);
    if (joined === '-j list tables') return ok(JSON.stringify({ nftables: [...this.tables.keys()].map((name) => ({ table: { family: 'inet', name } })) }));
    const list = /^-j list table inet (\w+)$/.exec(joined);
    if (list?.[1]) {
      const text = this.tables.get(list[1]);
      return text === undefined ? fail('Error: No such file or directory') : ok(JSON.stringify(listingOf(list[1], text)));
    }
    const del = /^delete table inet (\w+)$/.exec(joined);
    if (del?.[1]) return this.tables.delete(del[1]) ? ok() : fail('Error: No such file or directory');
    if (joined.startsWith('-j route')) return ok('[]');
    return fail(`fake nft: unsupported ${joined}`);
  }

  private apply(input: string): ExecResult {
    if (this.failNextApply !== undefined) {
      const message = this.failNextApply;
      this.failNextApply = undefined;
      return fail(message);
    }
    const name = /^table inet (\w+) \{/m.exec(input)?.[1];
    if (!name) return fail('fake nft: no table in the file');
    this.tables.set(name, input);
    return ok();
  }
}

/**
 * A prober for a host behind the fake nft: while the table is loaded, only the listed reachable networks
 * answer (`connected`); everything else is `blocked`. Without the table every target answers.
 */
export function fakeProber(nft: FakeNft, table: string, stillReachable: () => string[]): Prober {
  return (host: string): Promise<ProbeAttempt> => {
    if (!nft.tables.has(table)) return Promise.resolve({ outcome: 'connected', ms: 1 });
    const open = stillReachable().some((cidr) => inNetwork(cidr, host));
    return Promise.resolve(open ? { outcome: 'connected', ms: 1 } : { outcome: 'blocked', detail: 'EPERM', ms: 0.1 });
  };
}
