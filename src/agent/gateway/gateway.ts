/**
 * Applies, checks and removes segment cuts with nftables on the gateway (a Linux router). Each cut is its own
 * table, so several coexist and removing one touches nothing else. The evidence it returns is what the command
 * results carry: the ruleset hash, what nftables reports, the drop counters, and probes from the gateway.
 */
import { createHash } from 'node:crypto';
import { Isolator, type ProbeExpectation, type ResolvedTarget } from '../isolation/isolator.js';
import { NftClient } from '../isolation/nft-client.js';
import type { Prober } from '../isolation/probe.js';
import { rulesetHash } from '../isolation/ruleset.js';
import type { ListedCheck } from '../isolation/check-listed.js';
import type { ProbeResult } from '../protocol/messages.js';
import type { SystemExecutor } from '../runtime/executor.js';
import { checkListedCut, cutCounters, type CutCounters } from './check-cut.js';
import { buildCutRules, CUT_TABLE_PREFIX, cutTableName, renderCutRuleset, type CutSpec } from './cut-ruleset.js';
import { items } from './nft-json.js';

export interface GatewayDeps {
  executor: SystemExecutor;
  /** The command that runs nft, e.g. `['nft']` or `['ip', 'netns', 'exec', 'router', 'nft']`. */
  nft: readonly string[];
  probe: Prober;
  now: () => Date;
  probeTimeoutMs?: number;
}

export interface CutRulesetEvidence {
  table: string;
  rulesetHash: string;
  /** sha256 of `nft -j list table` after loading. */
  listedHash: string | null;
  check: ListedCheck;
  /** Rules meant (accepts for the control channel and the allow-list, then drops). */
  rules: number;
}

export class Gateway {
  private readonly nft: NftClient;
  private readonly prober: Isolator;

  constructor(private readonly deps: GatewayDeps) {
    this.nft = new NftClient(deps.executor, deps.nft);
    this.prober = new Isolator({ nft: this.nft, probe: deps.probe, now: deps.now, ...(deps.probeTimeoutMs ? { probeTimeoutMs: deps.probeTimeoutMs } : {}) });
  }

  /** Loads the cut's table atomically (`nft -f -`, replacing an earlier version) and compares the listing with the intent. */
  async apply(spec: CutSpec): Promise<CutRulesetEvidence> {
    const text = renderCutRuleset(buildCutRules(spec));
    await this.nft.apply(text);
    return this.check(spec, rulesetHash(text));
  }

  /** Compares the loaded table with the spec (also used at start-up to see whether a recorded cut is still in place). */
  async check(spec: CutSpec, hash?: string): Promise<CutRulesetEvidence> {
    const rules = buildCutRules(spec);
    const listing = await this.nft.listTable(rules.table);
    const listedHash = listing === undefined ? null : `sha256:${createHash('sha256').update(JSON.stringify(listing)).digest('hex')}`;
    return {
      table: rules.table,
      rulesetHash: hash ?? rulesetHash(renderCutRuleset(rules)),
      listedHash,
      check: checkListedCut(listing ?? { nftables: [] }, rules),
      rules: rules.rules.length,
    };
  }

  /** The drop counters of a loaded cut, or null when its table is not loaded. */
  async counters(cutId: string): Promise<CutCounters | null> {
    const table = cutTableName(cutId);
    const listing = await this.nft.listTable(table);
    return listing === undefined ? null : cutCounters(listing, table);
  }

  /** Deletes exactly the cut's table; false when it was not loaded. */
  remove(cutId: string): Promise<boolean> {
    return this.nft.deleteTable(cutTableName(cutId));
  }

  isLoaded(cutId: string): Promise<boolean> {
    return this.nft.hasTable(cutTableName(cutId));
  }

  /** Every cut table loaded now (`firebreak_cut_*`), sorted. */
  async loadedCuts(): Promise<string[]> {
    const result = await this.deps.executor.run([...this.deps.nft, '-j', 'list', 'tables']);
    if (result.code !== 0) return [];
    const tables = items(JSON.parse(result.stdout || '{"nftables":[]}'), 'table');
    return tables.filter((t) => t['family'] === 'inet' && typeof t['name'] === 'string' && t['name'].startsWith(CUT_TABLE_PREFIX)).map((t) => String(t['name'])).sort();
  }

  /** One TCP probe from the gateway itself, recorded with its purpose, expectation and time. */
  probe(purpose: string, target: ResolvedTarget, expect: ProbeExpectation): Promise<ProbeResult> {
    return this.prober.probe(purpose, target, expect);
  }
}
