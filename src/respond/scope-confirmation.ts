/**
 * Scope confirmation per region and entity: how many hosts are swept clean, in scope, suspected or not swept,
 * and whether the region (or entity) can be declared out of scope. That declaration is what lets a
 * precautionary shutdown end early (in 2021, EMEA stayed dark for days although it was never breached).
 *
 * A host counts as clean when its latest completed sweep is clean and newer than its last "in scope" or
 * "suspected" mark. A region can be declared out of scope when every host is clean or listed as an exception
 * (with a reason), and no host is in scope.
 */
import type { EstateDocument } from '../estate/index.js';
import type { ScopeItem, ScopeView } from '../incident/index.js';
import { sweptCleanSinceLastMark } from './sweep.scope.js';
import { latestSweeps, type SweepResult } from './sweep.results.js';

/** One host's standing, in order of precedence. */
export const HOST_CLEARANCE = ['in_scope', 'findings', 'clean', 'excepted', 'failed', 'not_swept'] as const;
export type HostClearance = (typeof HOST_CLEARANCE)[number];

export interface ClearanceCounts {
  hosts: number;
  /** Latest completed sweep clean, after the host's last in-scope or suspected mark. */
  sweptClean: number;
  /** Marked in scope (whatever the sweeps say). */
  inScope: number;
  /** Latest completed sweep found indicators (and the host is not marked in scope yet). */
  findings: number;
  /** Currently marked suspected (overlaps the other counts). */
  suspected: number;
  /** Listed as an exception by the person declaring (decommissioned, powered off, not ours). */
  excepted: number;
  /** Only failed sweeps (offline, no agent, timeout). */
  sweepFailed: number;
  /** Never swept. */
  notSwept: number;
}

export interface HostStanding {
  host: string;
  entity: string;
  status: HostClearance;
  scope: string | null;
  /** The latest sweep that decided the status, or the latest failure. */
  sweep: { planId: string; actionId: string; at: string; outcome: string; reason?: string } | null;
}

export interface EntityClearance extends ClearanceCounts {
  entity: string;
  name: string;
  canDeclare: boolean;
  /** Why it cannot be declared out of scope yet. */
  blockers: string[];
  /** Hosts that are not clean, not excepted (at most {@link MAX_LISTED}). */
  outstanding: HostStanding[];
}

export interface RegionClearance extends ClearanceCounts {
  region: string;
  name: string;
  entities: EntityClearance[];
  canDeclare: boolean;
  blockers: string[];
  outstanding: HostStanding[];
}

export interface HostException {
  host: string;
  reason: string;
}

export const MAX_LISTED = 100;

function standing(host: { hostname: string; entity: string }, item: ScopeItem | undefined, latest: SweepResult | undefined, excepted: boolean): HostStanding {
  const sweep = latest ? { planId: latest.planId, actionId: latest.actionId, at: latest.at, outcome: latest.outcome, ...(latest.reason ? { reason: latest.reason } : {}) } : null;
  const base = { host: host.hostname, entity: host.entity, scope: item?.state ?? null, sweep };
  if (item?.state === 'in_scope') return { ...base, status: 'in_scope' };
  if (latest?.outcome === 'findings') return { ...base, status: 'findings' };
  if (sweptCleanSinceLastMark(latest, item)) return { ...base, status: 'clean' };
  if (excepted) return { ...base, status: 'excepted' };
  if (latest?.outcome === 'failed') return { ...base, status: 'failed' };
  return { ...base, status: 'not_swept' };
}

function emptyCounts(): ClearanceCounts {
  return { hosts: 0, sweptClean: 0, inScope: 0, findings: 0, suspected: 0, excepted: 0, sweepFailed: 0, notSwept: 0 };
}

const COUNT_OF: Record<HostClearance, keyof ClearanceCounts> = {
  in_scope: 'inScope',
  findings: 'findings',
  clean: 'sweptClean',
  excepted: 'excepted',
  failed: 'sweepFailed',
  not_swept: 'notSwept',
};

function tally(list: readonly HostStanding[]): ClearanceCounts {
  const counts = emptyCounts();
  for (const s of list) {
    counts.hosts += 1;
    counts[COUNT_OF[s.status]] += 1;
    if (s.scope === 'suspected') counts.suspected += 1;
  }
  return counts;
}

function blockersOf(counts: ClearanceCounts, what: string): string[] {
  const blockers: string[] = [];
  if (counts.hosts === 0) blockers.push(`${what} has no hosts in the estate`);
  if (counts.inScope > 0) blockers.push(`${counts.inScope} host${counts.inScope === 1 ? ' is' : 's are'} in scope`);
  if (counts.findings > 0) blockers.push(`${counts.findings} host${counts.findings === 1 ? ' has' : 's have'} sweep findings`);
  const missing = counts.sweepFailed + counts.notSwept;
  if (missing > 0) blockers.push(`${missing} host${missing === 1 ? ' is' : 's are'} not swept clean (${counts.sweepFailed} failed, ${counts.notSwept} not swept): sweep them again or list them as exceptions with a reason`);
  return blockers;
}

const outstandingOf = (list: readonly HostStanding[]) =>
  list
    .filter((s) => s.status !== 'clean' && s.status !== 'excepted')
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))
    .slice(0, MAX_LISTED);

/**
 * Clearance per region and per entity of the estate (regions and entities sorted by id).
 *
 * @example
 * const emea = regionClearance(estate, projectScope(decoded), sweepResultsFromEvents(events)).find((r) => r.region === 'emea');
 * emea?.canDeclare; // true when every EMEA host was swept clean
 */
export function regionClearance(
  estate: EstateDocument,
  scope: ScopeView,
  sweeps: readonly SweepResult[],
  exceptions: readonly HostException[] = [],
): RegionClearance[] {
  const items = new Map(scope.host.map((item) => [item.ref, item]));
  const latest = latestSweeps(sweeps);
  const excepted = new Set(exceptions.map((e) => e.host));
  const byEntity = new Map<string, HostStanding[]>();
  for (const host of estate.hosts) {
    const list = byEntity.get(host.entity) ?? [];
    list.push(standing(host, items.get(host.hostname), latest.get(host.hostname), excepted.has(host.hostname)));
    byEntity.set(host.entity, list);
  }
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...estate.regions].sort(byId).map((region) => {
    const entities = estate.entities.filter((e) => e.region === region.id).sort(byId).map((entity): EntityClearance & { standings: HostStanding[] } => {
      const standings = byEntity.get(entity.id) ?? [];
      const counts = tally(standings);
      const blockers = blockersOf(counts, `entity ${entity.id}`);
      return { entity: entity.id, name: entity.name, ...counts, canDeclare: blockers.length === 0, blockers, outstanding: outstandingOf(standings), standings };
    });
    const all = entities.flatMap((e) => e.standings);
    const counts = tally(all);
    const blockers = blockersOf(counts, `region ${region.id}`);
    return {
      region: region.id,
      name: region.name,
      ...counts,
      entities: entities.map(({ standings: _standings, ...rest }) => rest),
      canDeclare: blockers.length === 0,
      blockers,
      outstanding: outstandingOf(all),
    };
  });
}

/** A one-line summary for the log, e.g. "412 of 415 hosts swept clean, 3 excepted". */
export function clearanceSummary(counts: ClearanceCounts): string {
  const parts = [`${counts.sweptClean} of ${counts.hosts} host${counts.hosts === 1 ? '' : 's'} swept clean`];
  if (counts.excepted > 0) parts.push(`${counts.excepted} excepted`);
  if (counts.inScope > 0) parts.push(`${counts.inScope} in scope`);
  return parts.join(', ');
}
