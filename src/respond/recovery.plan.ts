/**
 * Recovery planning (pure): from the estate, the incident's scope and the containment actually in place, an
 * ordered restore plan for one entity or region. Only the target's hosts are touched, so regions restore
 * independently: a clean region comes back while the hit one is still being rebuilt.
 *
 * ```
 * containment records ─> what is isolated / cut in the target
 * scope ─> hosts in scope or suspected      ─┐
 *                                            ├─> affected services ─> dependency order (identity, network first)
 * estate services, dependsOn ───────────────┘        └─> steps: hosts, reversal actions, gates, dependsOn
 * ```
 */
import type { EstateDocument, Host, Service } from '../estate/index.js';
import type { ScopeView } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import { actionId, reversalAction, type ReversalLookup } from './recovery.actions.js';
import { containmentAt, containmentTimeline, type ContainmentChange, type ContainmentState } from './recovery.containment.js';
import { requiredGates } from './recovery.gates-required.js';
import { dataStoresByHost, orderServices, serviceTier } from './recovery.order.js';
import type { RecoveryPlan, RecoveryStep, RecoveryTarget, StepTier } from './recovery.schema.js';
import type { ActionRecord } from './types.js';

export interface RecoveryRequest {
  recoveryId: string;
  target: RecoveryTarget;
  /** A named approver whose sign-off every step needs (otherwise any lead of the step's entities). */
  approver?: string;
}

export const RECOVERY_ASSUMPTIONS = [
  'Steps follow service dependencies (a service after those it depends on); among steps free to go, identity first, then network, data, applications, by criticality.',
  'Network cuts in the target are restored first; isolated hosts stay isolated until their own step.',
  'A host shared by several services is released in the first step that needs it.',
  'Only hosts of the target are released; dependencies in other regions are listed, not waited for.',
  'Containment in place is read from the executor’s action records, not from what plans proposed.',
];

interface Context {
  estate: EstateDocument;
  request: RecoveryRequest;
  entities: Set<string>;
  hosts: Map<string, Host>;
  contained: ContainmentState;
  inScope: Set<string>;
  suspect: Set<string>;
  reversals: ReversalLookup;
  /** Containment and suspicion anywhere in the estate (for dependencies outside the target). */
  everywhere: { contained: ContainmentState; suspect: Set<string> };
}

function targetEntities(estate: EstateDocument, target: RecoveryTarget): string[] {
  if (target.kind === 'entity') {
    if (!estate.entities.some((e) => e.id === target.ref)) throw new UserError('not_found', `no entity "${target.ref}" in the estate`, [{ field: 'body.entity', message: 'unknown entity', hint: 'use an id from GET /api/estate/entities' }]);
    return [target.ref];
  }
  const list = estate.entities.filter((e) => e.region === target.ref).map((e) => e.id);
  if (!estate.regions.some((r) => r.id === target.ref)) throw new UserError('not_found', `no region "${target.ref}" in the estate`, [{ field: 'body.region', message: 'unknown region', hint: `use one of: ${estate.regions.map((r) => r.id).join(', ')}` }]);
  return list.sort();
}

function contextOf(estate: EstateDocument, scope: ScopeView, request: RecoveryRequest, records: readonly ActionRecord[], reversals: ReversalLookup): Context {
  const entities = new Set(targetEntities(estate, request.target));
  const hosts = new Map(estate.hosts.filter((h) => entities.has(h.entity)).map((h) => [h.hostname, h]));
  const all = containmentAt(containmentTimeline(records));
  const contained: ContainmentState = {
    hosts: new Map([...all.hosts].filter(([host]) => hosts.has(host))),
    cuts: new Map([...all.cuts].filter(([, change]) => entities.has(change.entity))),
  };
  const inScope = new Set(scope.host.filter((i) => i.state === 'in_scope' && hosts.has(i.ref)).map((i) => i.ref));
  const suspect = new Set(scope.host.filter((i) => (i.state === 'in_scope' || i.state === 'suspected') && hosts.has(i.ref)).map((i) => i.ref));
  const everywhere = { contained: all, suspect: new Set(scope.host.filter((i) => i.state !== 'cleared').map((i) => i.ref)) };
  return { estate, request, entities, hosts, contained, inScope, suspect, reversals, everywhere };
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function networkStep(ctx: Context, identity: ReadonlySet<string>): Omit<RecoveryStep, 'n' | 'dependsOn'> | undefined {
  const cuts = [...ctx.contained.cuts.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.key < b.key ? -1 : 1));
  if (cuts.length === 0) return undefined;
  const segments = new Set(cuts.map((c) => c.ref));
  const sweepHosts = sorted([...ctx.hosts.values()].filter((h) => segments.has(h.segment) && ctx.suspect.has(h.hostname)).map((h) => h.hostname));
  return {
    recoveryId: ctx.request.recoveryId,
    title: `Network: restore ${cuts.length} cut${cuts.length === 1 ? '' : 's'} (${sorted(segments).join(', ')})`,
    tier: 'network',
    services: [],
    hosts: [],
    entities: sorted(cuts.map((c) => c.entity)),
    externalDependencies: [],
    actions: cuts.map((cut, i) => reversalAction(actionId(i + 1), cut, ctx.reversals)),
    gates: requiredGates({ tier: 'network', services: [], hosts: [], sweepHosts, inScopeHosts: ctx.inScope, storesByHost: new Map(), identityServices: identity, approver: ctx.request.approver }),
    notes: [],
  };
}

function hostStep(ctx: Context, title: string, tier: StepTier, services: Service[], hosts: string[], identity: ReadonlySet<string>): Omit<RecoveryStep, 'n' | 'dependsOn'> {
  const changes = hosts.map((h) => ctx.contained.hosts.get(h)).filter((c): c is ContainmentChange => c !== undefined);
  const shutDown = changes.filter((c) => c.mode === 'shut_down').map((c) => c.ref);
  const releasable = changes.filter((c) => c.mode !== 'shut_down');
  const notes = shutDown.length > 0 ? [`${shutDown.length} host${shutDown.length === 1 ? ' was' : 's were'} shut down: power on by hand before running (${shutDown.slice(0, 20).join(', ')}${shutDown.length > 20 ? ', ...' : ''})`] : [];
  const storesByHost = dataStoresByHost(ctx.estate.dataStores);
  return {
    recoveryId: ctx.request.recoveryId,
    title,
    tier,
    services: services.map((s) => s.id),
    hosts,
    entities: sorted(hosts.map((h) => ctx.hosts.get(h)!.entity)),
    externalDependencies: [],
    actions: releasable.map((change, i) => reversalAction(actionId(i + 1), change, ctx.reversals)),
    gates: requiredGates({ tier, services, hosts, sweepHosts: hosts, inScopeHosts: ctx.inScope, storesByHost, identityServices: identity, approver: ctx.request.approver }),
    notes,
  };
}

function affectedHost(ctx: Context, host: string): boolean {
  return ctx.contained.hosts.has(host) || ctx.suspect.has(host);
}

/** Whether a service outside the plan is affected (any of its hosts contained or suspect), anywhere. */
function affectedAnywhere(ctx: Context, service: Service): boolean {
  return service.hosts.some((h) => ctx.everywhere.contained.hosts.has(h) || ctx.everywhere.suspect.has(h));
}

/**
 * Plans the recovery of an entity or a region.
 *
 * @param containment every action record of the incident's containment (and earlier recovery) plans.
 * @param reversals each containment action's reversal as its plan proposed it (optional; defaults otherwise).
 * @throws UserError `not_found` for an unknown entity or region; `conflict` when nothing in the target is
 * contained or in scope (nothing to restore).
 * @example
 * const plan = planRecovery(estate, projectScope(decoded), { recoveryId: 'rcv-1', target: { kind: 'region', ref: 'emea' } }, records);
 * plan.steps.map((s) => s.title); // ['Network: ...', 'Identity: Active Directory (EMEA)', ...]
 */
export function planRecovery(estate: EstateDocument, scope: ScopeView, request: RecoveryRequest, containment: readonly ActionRecord[], reversals: ReversalLookup = new Map()): RecoveryPlan {
  const ctx = contextOf(estate, scope, request, containment, reversals);
  const byName = new Map(estate.hosts.map((h) => [h.hostname, h]));
  const included = estate.services.filter((s) => s.hosts.some((h) => ctx.hosts.has(h) && affectedHost(ctx, h)));
  const includedIds = new Set(included.map((s) => s.id));
  const tiers = new Map(included.map((s) => [s.id, serviceTier(s, byName)]));
  const identity = new Set(included.filter((s) => tiers.get(s.id) === 'identity').map((s) => s.id));
  const order = orderServices(included.map((s) => ({ id: s.id, dependsOn: s.dependsOn, tier: tiers.get(s.id)!, criticality: s.criticality })));
  const byId = new Map(estate.services.map((s) => [s.id, s]));
  const drafts: { step: Omit<RecoveryStep, 'n' | 'dependsOn'>; deps: Set<string> }[] = [];
  const network = networkStep(ctx, identity);
  if (network) drafts.push({ step: network, deps: new Set() });
  const assigned = new Set<string>();
  for (const group of order.groups) {
    const services = group.map((id) => byId.get(id)!);
    const hosts = sorted(services.flatMap((s) => s.hosts.filter((h) => ctx.hosts.has(h) && !assigned.has(h))));
    hosts.forEach((h) => assigned.add(h));
    const tier = services.map((s) => tiers.get(s.id)!).sort((a, b) => TIER_ORDER.indexOf(a) - TIER_ORDER.indexOf(b))[0]!;
    const title = `${TIER_TITLE[tier]}: ${services.map((s) => s.name).join(', ')}${services.length > 1 ? ' (restored together: they depend on each other)' : ''}`;
    const step = hostStep(ctx, title, tier, services, hosts, identity);
    const external = services.flatMap((s) => s.dependsOn).filter((d) => !includedIds.has(d) && byId.has(d) && affectedAnywhere(ctx, byId.get(d)!));
    step.externalDependencies = sorted(external);
    if (external.length > 0) step.notes.push(`depends on ${sorted(external).join(', ')}, affected and outside this plan: restored by its own plan`);
    drafts.push({ step, deps: new Set(services.flatMap((s) => s.dependsOn).filter((d) => includedIds.has(d) && !group.includes(d))) });
  }
  const rest = sorted([...ctx.hosts.keys()].filter((h) => !assigned.has(h) && affectedHost(ctx, h)));
  if (rest.length > 0) drafts.push({ step: hostStep(ctx, `Remaining hosts: ${rest.length} host${rest.length === 1 ? '' : 's'} not running a business service`, 'hosts', [], rest, identity), deps: new Set(identity) });
  if (drafts.length === 0) {
    throw new UserError('conflict', `nothing to restore in ${request.target.kind} ${request.target.ref}: no host is isolated, cut off or in scope`, [], { hint: 'check GET /api/incidents/:id/scope/regions, or plan the recovery of another entity or region' });
  }
  return assemble(ctx, drafts, order.cycles, network !== undefined);
}

const TIER_ORDER: StepTier[] = ['identity', 'network', 'data', 'application', 'hosts'];
const TIER_TITLE: Record<StepTier, string> = { identity: 'Identity', network: 'Network', data: 'Data', application: 'Application', hosts: 'Hosts' };

function assemble(ctx: Context, drafts: { step: Omit<RecoveryStep, 'n' | 'dependsOn'>; deps: Set<string> }[], cycles: string[][], hasNetwork: boolean): RecoveryPlan {
  const stepOfService = new Map<string, number>();
  drafts.forEach((d, i) => d.step.services.forEach((s) => stepOfService.set(s, i + 1)));
  const steps: RecoveryStep[] = drafts.map((d, i) => {
    const deps = new Set([...d.deps].map((s) => stepOfService.get(s)).filter((n): n is number => n !== undefined));
    if (hasNetwork && i > 0) deps.add(1);
    return { ...d.step, n: i + 1, dependsOn: [...deps].sort((a, b) => a - b) };
  });
  const { request, estate } = ctx;
  const regionOf = new Map(estate.entities.map((e) => [e.id, e.region]));
  const entities = sorted(ctx.entities);
  const warnings = cycles.map((c) => `services depend on each other in a circle: ${c.join(' -> ')}; they are restored together in one step`);
  const plan: RecoveryPlan = {
    recoveryId: request.recoveryId,
    target: request.target,
    title: `Restore ${request.target.kind} ${request.target.ref}`,
    entities,
    regions: sorted(entities.map((e) => regionOf.get(e)).filter((r): r is string => r !== undefined)),
    steps,
    cycles,
    warnings,
    assumptions: [...RECOVERY_ASSUMPTIONS],
    basedOn: sorted([...ctx.contained.hosts.values(), ...ctx.contained.cuts.values()].map((c) => c.planId)),
  };
  if (request.approver !== undefined) plan.approver = request.approver;
  return plan;
}
