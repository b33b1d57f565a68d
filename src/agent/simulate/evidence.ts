/**
 * Evidence a simulated agent reports, shaped like the real handlers' (see the command schemas in
 * protocol/command.ts): rulesets with hashes, probes with times, sweep findings, triage lists. Pure: the
 * caller passes the time and the host's simulated state. Every hash and probe is marked `simulated: true`
 * at the top level, so simulated evidence can never be mistaken for a host's.
 */
import { createHash } from 'node:crypto';
import type { IsolateArgs, SegmentCutArgs, SweepArgs } from '../protocol/command.js';
import type { ProbeResult } from '../protocol/messages.js';
import type { Indicators } from './behaviour.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SimHostView {
  hostname: string;
  ips: string[];
  /** The indicators the host holds, when infected (`'any'`: every indicator a sweep looks for). */
  infection: Indicators | 'any' | null;
}

export function probe(purpose: string, target: string, expect: ProbeResult['expect'], outcome: ProbeResult['outcome'], at: string): ProbeResult {
  const passed = expect === 'any' || (expect === 'blocked' ? outcome !== 'connected' : outcome === 'connected');
  return { purpose, target, expect, outcome, passed, at, ms: outcome === 'timeout' ? 2000 : 1 };
}

export function isolationRuleset(host: SimHostView, args: IsolateArgs, server: string): { rulesetHash: string; check: { ok: boolean; problems: string[] } } {
  return { rulesetHash: `sha256:${sha(`${host.hostname}\n${server}\n${JSON.stringify(args.allow)}`)}`, check: { ok: true, problems: [] } };
}

export function isolationEvidence(host: SimHostView, args: IsolateArgs, server: { address: string; port: number }, at: string, ok: boolean): Record<string, unknown> {
  const target = args.probe ? `${args.probe.host}:${args.probe.port}` : `${host.ips[0] ?? '10.0.0.1'}-gateway:443`;
  return {
    simulated: true,
    ruleset: isolationRuleset(host, args, `${server.address}:${server.port}`),
    probes: [
      probe('baseline-before-isolation', target, 'any', 'connected', at),
      probe('blocked-target', target, 'blocked', ok ? 'timeout' : 'connected', at),
      probe('control-channel', `${server.address}:${server.port}`, 'reachable', 'connected', at),
    ],
    controlEndpoints: [server],
  };
}

export function releaseEvidence(previousRulesetHash: string | null, at: string): Record<string, unknown> {
  return { simulated: true, table: 'firebreak_isolation', removed: previousRulesetHash !== null, tableAbsent: true, previousRulesetHash, probes: [], releasedAt: at };
}

function findingsFor(args: SweepArgs, infection: Indicators | 'any' | null) {
  if (!infection) return [];
  const holds = (list: string[], value: string) => infection === 'any' || list.some((x) => x.toLowerCase() === value.toLowerCase());
  return [
    ...args.sha256.filter((h) => holds(infection === 'any' ? [] : infection.sha256, h)).map((h) => ({ kind: 'file', indicator: h, detail: `/var/tmp/.cache/${h.slice(0, 8)}.bin` })),
    ...args.processNames.filter((p) => holds(infection === 'any' ? [] : infection.processNames, p)).map((p) => ({ kind: 'process', indicator: p, detail: `pid 4242 ${p}` })),
    ...args.remote.filter((r) => holds(infection === 'any' ? [] : infection.remote, r)).map((r) => ({ kind: 'connection', indicator: r, detail: `tcp 10.0.0.5:49152 -> ${r.split('/')[0] ?? r}:443 ESTABLISHED` })),
  ];
}

export function sweepEvidence(host: SimHostView, args: SweepArgs, durationMs: number): Record<string, unknown> {
  const findings = findingsFor(args, host.infection);
  return {
    simulated: true,
    clean: findings.length === 0,
    complete: true,
    findings,
    findingsOmitted: 0,
    checked: { files: Math.min(args.maxFiles, 1200), executables: 140, processes: 87, connections: 23 },
    skipped: { special: 0, symlinks: 0, unreadable: 0, tooLarge: 0, unhashable: 0 },
    truncated: false,
    paths: args.paths ?? ['/'],
    missingPaths: [],
    indicators: { sha256: args.sha256.length, processNames: args.processNames.length, remote: args.remote.length },
    unsupported: [],
    durationMs,
  };
}

export function triageEvidence(host: SimHostView, at: string): Record<string, unknown> {
  const bad = host.infection && host.infection !== 'any' ? host.infection : { sha256: [], processNames: [], remote: [] };
  const processes = [{ pid: 1, name: 'systemd' }, { pid: 812, name: 'sshd' }, { pid: 977, name: 'firebreak-agent' }, ...bad.processNames.map((name, i) => ({ pid: 4242 + i, name }))];
  const connections = [{ proto: 'tcp', local: `${host.ips[0] ?? '10.0.0.5'}:22`, remote: '10.0.0.2:51514', state: 'ESTABLISHED', pid: 812 }, ...bad.remote.map((r, i) => ({ proto: 'tcp', local: `${host.ips[0] ?? '10.0.0.5'}:${49152 + i}`, remote: `${r.split('/')[0] ?? r}:443`, state: 'ESTABLISHED' }))];
  const recentFiles = bad.sha256.map((h) => ({ path: `/var/tmp/.cache/${h.slice(0, 8)}.bin`, size: 48_128, mtime: at, sha256: h.toLowerCase() }));
  return {
    simulated: true, processes, connections, listening: [{ proto: 'tcp', local: '0.0.0.0:22', pid: 812 }], recentFiles, collectedAt: at, recentHours: 24, paths: ['/'],
    walk: { visited: 1200, skipped: 0, stoppedBy: null, missingPaths: [] }, unsupported: [], durationMs: 5, truncated: {},
  };
}

export function cutEvidence(args: SegmentCutArgs, server: { address: string; port: number }, at: string, ok: boolean): Record<string, unknown> {
  const table = `firebreak_cut_${args.cutId}`;
  return {
    simulated: true, cutId: args.cutId, table, intent: { segment: args.segment, cidrs: args.cidrs, external: args.external, peers: args.peers.length, internal: args.internal.length },
    controlEndpoints: [server], ruleset: { table, rulesetHash: `sha256:${sha(JSON.stringify(args))}`, check: { ok, problems: ok ? [] : ['the forward hook does not hold the intended rules'], ruleCount: 4 + args.peers.length } },
    forwarding: { ipv4: true, ipv6: false }, probes: args.probe ? [probe('segment-reachable', `${args.probe.host}:${args.probe.port}`, 'reachable', 'connected', at)] : [], otherCuts: [], warnings: [],
  };
}

export function restoreEvidence(cutId: string, segment: string | null, since: string | null, at: string): Record<string, unknown> {
  return { simulated: true, cutId, segment, table: `firebreak_cut_${cutId}`, removed: since !== null, tableAbsent: true, previousRulesetHash: null, cutSince: since, dropped: { packets: 0, bytes: 0 }, droppedByRule: {}, otherCuts: [], probes: [], restoredAt: at };
}
