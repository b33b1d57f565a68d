/**
 * Sweep plans (kind `sweep`): one agent `sweep` per host of an entity, a region or a list of hosts, looking for
 * the incident's indicators. A sweep reads files, processes and connections and changes nothing, so it has no
 * reversal and takes nothing down; its results move hosts from suspected to cleared or in scope.
 */
import type { EstateDocument, Host } from '../estate/index.js';
import { UserError } from '../shared/errors.js';
import { indicatorCount, type SweepIndicators } from './sweep.indicators.js';
import type { ActionSpec, PlanImpact, ProposedPlan } from './types.js';

/** What to sweep: exactly one of an entity, a region or a list of hostnames. */
export type SweepTarget = { entity: string } | { region: string } | { hosts: readonly string[] };

export interface SweepOptions {
  /** Folders the agent hashes (its defaults when absent). */
  paths?: readonly string[];
  /** Files hashed per host at most. */
  maxFiles?: number;
}

/**
 * Indicators times hosts at most in one plan: each action carries the indicators, and the executor stores every
 * action. Above it, split the sweep (per entity) or trim the indicator list.
 */
export const MAX_SWEEP_PAIRS = 2_000_000;

const SWEEP_ASSUMPTIONS = [
  'A sweep reads files, processes and connections on the host and changes nothing: no service goes down.',
  'A clean sweep clears a suspected host; findings put it in scope; a failed sweep (offline host, no agent) leaves it as it was.',
  'A host already in scope stays in scope after a clean sweep: clearing a compromised host is a decision for people.',
];

function hostsOf(estate: EstateDocument, target: SweepTarget): { hosts: Host[]; what: string } {
  if ('entity' in target) {
    if (!estate.entities.some((e) => e.id === target.entity)) {
      throw new UserError('not_found', `no entity "${target.entity}" in the estate`, [{ field: 'body.entity', message: 'unknown entity', hint: 'use an id from GET /api/estate/entities' }]);
    }
    return { hosts: estate.hosts.filter((h) => h.entity === target.entity), what: `entity ${target.entity}` };
  }
  if ('region' in target) {
    if (!estate.regions.some((r) => r.id === target.region)) {
      throw new UserError('not_found', `no region "${target.region}" in the estate`, [{ field: 'body.region', message: 'unknown region', hint: `use one of: ${estate.regions.map((r) => r.id).join(', ')}` }]);
    }
    const entities = new Set(estate.entities.filter((e) => e.region === target.region).map((e) => e.id));
    return { hosts: estate.hosts.filter((h) => entities.has(h.entity)), what: `region ${target.region}` };
  }
  const byName = new Map(estate.hosts.map((h) => [h.hostname, h]));
  const unknown = target.hosts.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new UserError('not_found', `unknown hosts: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''}`,
      unknown.slice(0, 100).map((name) => ({ field: 'body.hosts', message: `no host "${name}"`, hint: 'use hostnames from GET /api/estate/hosts' })));
  }
  const hosts = [...new Set(target.hosts)].map((name) => byName.get(name)!);
  return { hosts, what: `${hosts.length} named host${hosts.length === 1 ? '' : 's'}` };
}

function sweepImpact(hosts: readonly Host[]): PlanImpact {
  const hostsByCriticality = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const h of hosts) hostsByCriticality[h.criticality] += 1;
  return { hostsAffected: hosts.length, services: [], lostPerHour: [], byEntity: [], byRegion: [], externalLinksCut: [], linksCut: [], assumptions: [...SWEEP_ASSUMPTIONS], hostsByCriticality };
}

function sweepArgs(indicators: SweepIndicators, options: SweepOptions): Record<string, unknown> {
  const args: Record<string, unknown> = { sha256: indicators.sha256, processNames: indicators.processNames, remote: indicators.remote };
  if (options.paths !== undefined) args['paths'] = [...options.paths];
  if (options.maxFiles !== undefined) args['maxFiles'] = options.maxFiles;
  return args;
}

function checkSize(hosts: number, indicators: SweepIndicators): void {
  const count = indicatorCount(indicators);
  if (count === 0) {
    throw new UserError('validation_failed', 'a sweep needs at least one indicator', [
      { field: 'body.indicators', message: 'no indicators given and none found in the incident’s alerts', hint: 'name sha256, processNames or remote in the request' },
    ]);
  }
  if (hosts === 0) throw new UserError('validation_failed', 'the target has no hosts to sweep', [{ field: 'body', message: 'no hosts', hint: 'choose an entity, region or hosts that have hosts in the estate' }]);
  if (hosts * count > MAX_SWEEP_PAIRS) {
    throw new UserError('validation_failed', `${hosts} hosts x ${count} indicators is more than ${MAX_SWEEP_PAIRS} per sweep plan`, [
      { field: 'body.indicators', message: 'too many indicators for this many hosts', hint: 'sweep per entity, or keep the indicators that matter most' },
    ]);
  }
}

/**
 * A sweep plan over the target's hosts, sorted by hostname.
 *
 * @throws UserError `not_found` for an unknown entity, region or host (all listed); `validation_failed` when there
 * is no indicator, no host, or more than {@link MAX_SWEEP_PAIRS} indicator-host pairs.
 * @example
 * planSweep(estate, { region: 'emea' }, { sha256: ['9f86...'], processNames: [], remote: ['203.0.113.7'] }).actions[0];
 * // { connector: 'agent', operation: 'sweep', target: { kind: 'host', ref: 'ams-app01', entity: 'hik-eu' }, ... }
 */
export function planSweep(estate: EstateDocument, target: SweepTarget, indicators: SweepIndicators, options: SweepOptions = {}): ProposedPlan {
  const { hosts, what } = hostsOf(estate, target);
  checkSize(hosts.length, indicators);
  const sorted = [...hosts].sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  const args = sweepArgs(indicators, options);
  const count = indicatorCount(indicators);
  const actions: ActionSpec[] = sorted.map((host, i) => ({
    id: `a${String(i + 1).padStart(4, '0')}`,
    connector: 'agent',
    operation: 'sweep',
    target: { kind: 'host', ref: host.hostname, entity: host.entity },
    args,
    reversal: null,
    label: `sweep ${host.hostname} (${host.entity}) for ${count} indicator${count === 1 ? '' : 's'}`,
  }));
  const entities = [...new Set(sorted.map((h) => h.entity))].sort();
  const regionOf = new Map(estate.entities.map((e) => [e.id, e.region]));
  const regions = [...new Set(entities.map((e) => regionOf.get(e)).filter((r): r is string => r !== undefined))].sort();
  return {
    kind: 'sweep',
    title: `Sweep ${what} for ${count} indicator${count === 1 ? '' : 's'}`,
    rationale: `prove which hosts of ${what} are clean: ${indicators.sha256.length} file hashes, ${indicators.processNames.length} process names, ${indicators.remote.length} remote addresses`,
    entities,
    regions,
    actions,
    impact: sweepImpact(sorted),
    request: { kind: 'sweep', target: { ...target } },
  };
}
