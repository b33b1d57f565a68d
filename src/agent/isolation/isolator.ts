/**
 * Applies, checks, verifies and removes the isolation table. The evidence it returns is what the command
 * result carries: the ruleset hash, what nftables reports, and every probe with its outcome and time.
 */
import { createHash } from 'node:crypto';
import type { ProbeResult } from '../protocol/messages.js';
import { checkListedTable, type ListedCheck } from './check-listed.js';
import type { NftClient } from './nft-client.js';
import { reached, type Prober } from './probe.js';
import { buildIsolationRules, renderRuleset, rulesetHash, type ControlEndpoint, type IsolationSpec } from './ruleset.js';

export interface IsolatorDeps {
  nft: NftClient;
  probe: Prober;
  now: () => Date;
  /** Per probe (default 2 s). */
  probeTimeoutMs?: number;
}

export interface AppliedEvidence {
  table: string;
  rulesetHash: string;
  /** sha256 of `nft -j list table` after loading, so the listing can be matched later. */
  listedHash: string | null;
  check: ListedCheck;
}

/** A probe target already resolved to an address (DNS is blocked once isolated). */
export interface ResolvedTarget {
  host: string;
  address: string;
  port: number;
}

export type ProbeExpectation = ProbeResult['expect'];

export class Isolator {
  constructor(private readonly deps: IsolatorDeps) {}

  /** One probe, recorded with its purpose, expectation and time. */
  async probe(purpose: string, target: ResolvedTarget, expect: ProbeExpectation): Promise<ProbeResult> {
    const at = this.deps.now().toISOString();
    const attempt = await this.deps.probe(target.address, target.port, this.deps.probeTimeoutMs ?? 2000);
    const passed = expect === 'any' || (expect === 'reachable' ? reached(attempt.outcome) : attempt.outcome === 'blocked' || attempt.outcome === 'timeout');
    const name = target.host === target.address ? target.address : `${target.host} (${target.address})`;
    return { purpose, target: `${name}:${target.port}`, expect, outcome: attempt.outcome, passed, at, ms: attempt.ms, ...(attempt.detail ? { detail: attempt.detail } : {}) };
  }

  /** Loads the ruleset atomically and compares what nftables reports with what was meant. */
  async apply(spec: IsolationSpec): Promise<AppliedEvidence> {
    const rules = buildIsolationRules(spec);
    const text = renderRuleset(rules);
    await this.deps.nft.apply(text);
    return this.check(spec, rulesetHash(text));
  }

  /** Compares the loaded table with the spec (also used at start-up to see whether the table is still right). */
  async check(spec: IsolationSpec, hash = rulesetHash(renderRuleset(buildIsolationRules(spec)))): Promise<AppliedEvidence> {
    const listing = await this.deps.nft.listTable(spec.table);
    const listedHash = listing === undefined ? null : `sha256:${createHash('sha256').update(JSON.stringify(listing)).digest('hex')}`;
    return { table: spec.table, rulesetHash: hash, listedHash, check: checkListedTable(listing ?? { nftables: [] }, buildIsolationRules(spec)) };
  }

  /** Probes after isolating: the blocked target must fail and at least one control endpoint must answer. */
  async verify(control: readonly ControlEndpoint[], blocked: ResolvedTarget): Promise<{ probes: ProbeResult[]; blockedOk: boolean; controlOk: boolean }> {
    const probes = [await this.probe('blocked-target', blocked, 'blocked')];
    for (const c of control) probes.push(await this.probe('control-channel', { host: c.address, address: c.address, port: c.port }, 'reachable'));
    const blockedOk = probes[0]?.passed === true;
    const controlOk = probes.slice(1).some((p) => p.passed);
    return { probes, blockedOk, controlOk };
  }

  /** Removes exactly the isolation table; true when it was there. */
  remove(table: string): Promise<boolean> {
    return this.deps.nft.deleteTable(table);
  }

  isLoaded(table: string): Promise<boolean> {
    return this.deps.nft.hasTable(table);
  }
}
