/**
 * Building one containment plan from an explicit request (`{ kind, target }`): the actions with their
 * reversals, the entities and regions it touches, and its impact. Pure; linear in the hosts and segments it
 * touches, so a 10,000-host region builds in one pass.
 */
import type { EstateIndex } from '../estate/graph/index.js';
import { UserError } from '../shared/errors.js';
import { ActionIds, cutSegmentAction, isolateHostAction } from './planner.actions.js';
import { invalid, linkedSegments, lookup, regionOf, requireId, row, segmentsOfEntities } from './planner.estate.js';
import { planImpact } from './planner.impact.js';
import type { PlanRequest } from './planner.request.js';
import type { ActionSpec, ProposedPlan } from './types.js';

const EXTERNAL_ASSUMPTION =
  'Cutting external links keeps the segment working inside the estate; whatever it needs from the internet, partners, the VPN or the cloud stops (not counted as services down).';
const LINKS_ASSUMPTION =
  'Cutting links counts the segment as cut off from the rest of the estate (an upper bound: services entirely inside the segment keep working).';
const SHUTDOWN_ASSUMPTION = 'A shutdown isolates every host and cuts every external link of the segments concerned.';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Builds the plan a person asks for. Unknown ids are `not_found`; a request that cannot be carried out as one
 * plan (hosts of several entities, a segment without external links) is `validation_failed` with a hint.
 *
 * @example
 * const plan = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, index);
 * plan.actions.length; // every EMEA host, plus one gateway cut per segment with external links
 */
export function buildPlan(request: PlanRequest, index: EstateIndex, rationale?: string): ProposedPlan {
  const plan = buildFor(request, index);
  // Hostnames as the estate spells them, without duplicates, so that the recorded request builds the same plan.
  const target = request.kind === 'isolate_hosts' ? { hosts: plan.actions.map((a) => a.target.ref) } : { ...request.target };
  return { ...plan, rationale: rationale ?? plan.rationale, request: { kind: request.kind, target } };
}

function buildFor(request: PlanRequest, index: EstateIndex): ProposedPlan {
  switch (request.kind) {
    case 'isolate_hosts':
      return isolateHosts(index, request.target.hosts);
    case 'cut_segment_external':
      return cutExternal(index, request.target.segment);
    case 'cut_segment_links':
      return cutLinks(index, request.target.segment, request.target.peers);
    case 'shutdown_entity':
      return shutdownEntity(index, request.target.entity);
    case 'shutdown_region':
      return shutdownRegion(index, request.target.region);
  }
}

function resolveHosts(index: EstateIndex, names: readonly string[]): number[] {
  const ids = new Set<number>();
  const unknown: string[] = [];
  for (const name of names) {
    const id = lookup(index.hosts.ids, name);
    if (id < 0) unknown.push(name);
    else ids.add(id);
  }
  if (unknown.length > 0) {
    throw new UserError(
      'not_found',
      `not in the estate: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''}`,
      unknown.slice(0, 100).map((name) => ({ field: 'target.hosts', message: `unknown host '${name}'`, hint: 'use hostnames from the estate (lower case)' })),
      { unknown },
    );
  }
  return [...ids];
}

function isolateHosts(index: EstateIndex, names: readonly string[]): ProposedPlan {
  const hosts = resolveHosts(index, names);
  const byEntity = new Map<string, string[]>();
  for (const h of hosts) {
    const record = index.hosts.records[h]!;
    const list = byEntity.get(record.entity);
    if (list) list.push(record.hostname);
    else byEntity.set(record.entity, [record.hostname]);
  }
  if (byEntity.size > 1) {
    const split = [...byEntity].map(([entity, list]) => `${entity} (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''})`);
    throw invalid(`the hosts belong to ${byEntity.size} entities: ${split.join('; ')}`, 'target.hosts', 'ask for one isolate_hosts plan per entity, so that each entity’s own people approve it', { entities: [...byEntity.keys()] });
  }
  const entity = [...byEntity.keys()][0]!;
  const e = index.entities.ids.get(entity);
  const ids = new ActionIds();
  const actions = hosts.map((h) => isolateHostAction(ids.next(), index.hosts.records[h]!));
  const hostnames = actions.map((a) => a.target.ref);
  return {
    kind: 'isolate_hosts',
    title: hosts.length === 1 ? `Isolate ${hostnames[0]} (${entity})` : `Isolate ${plural(hosts.length, 'host')} of ${entity}`,
    rationale: `requested: isolate ${hostnames.slice(0, 10).join(', ')}${hostnames.length > 10 ? ', ...' : ''}`,
    entities: [entity],
    regions: e < 0 ? [] : [regionOf(index, e)].filter((r): r is string => r !== null),
    actions,
    impact: planImpact(index, { isolate: { hosts: hostnames }, externalSegments: [], linksCut: [], assumptions: [] }),
  };
}

function segmentPlanBase(index: EstateIndex, s: number) {
  const segment = index.segments.records[s]!;
  const e = index.segments.entity[s] ?? -1;
  const region = e < 0 ? null : regionOf(index, e);
  return { segment, entities: [segment.entity], regions: region === null ? [] : [region] };
}

function cutExternal(index: EstateIndex, name: string): ProposedPlan {
  const s = requireId(index.segments.ids, name, 'segment', 'target.segment');
  const { segment, entities, regions } = segmentPlanBase(index, s);
  if (segment.external.length === 0) {
    throw invalid(`segment ${segment.id} has no external links`, 'target.segment', 'cut its links to other segments (cut_segment_links) or isolate its hosts instead');
  }
  return {
    kind: 'cut_segment_external',
    title: `Cut the external links of ${segment.id} (${segment.entity})`,
    rationale: `requested: cut ${segment.external.map((link) => `${link.kind} ${link.name}`).join(', ')}`,
    entities,
    regions,
    actions: [cutSegmentAction('a0001', segment, { external: true, peers: [] })],
    impact: planImpact(index, { touched: [s], externalSegments: [s], linksCut: [], assumptions: [EXTERNAL_ASSUMPTION] }),
  };
}

function cutLinks(index: EstateIndex, name: string, wanted: readonly string[] | undefined): ProposedPlan {
  const s = requireId(index.segments.ids, name, 'segment', 'target.segment');
  const { segment, entities, regions } = segmentPlanBase(index, s);
  const linked = linkedSegments(index, segment.id);
  if (linked.peers.length === 0) {
    throw invalid(`segment ${segment.id} has no links to other segments`, 'target.segment', 'cut its external links (cut_segment_external) or isolate its hosts instead');
  }
  const notLinked = (wanted ?? []).filter((peer) => !linked.peers.includes(peer));
  if (notLinked.length > 0) {
    throw invalid(`${segment.id} has no link to ${notLinked.join(', ')}`, 'target.peers', `its links go to: ${linked.peers.join(', ')}`);
  }
  const peers = wanted ? [...new Set(wanted)] : linked.peers;
  const linksCut = linked.links.filter((link) => peers.includes(link.from) || peers.includes(link.to));
  return {
    kind: 'cut_segment_links',
    title: `Cut the links between ${segment.id} and ${plural(peers.length, 'segment')}`,
    rationale: `requested: cut ${segment.id} off from ${peers.join(', ')}`,
    entities,
    regions,
    actions: [cutSegmentAction('a0001', segment, { external: false, peers })],
    impact: planImpact(index, { isolate: { segments: [segment.id] }, externalSegments: [], linksCut, assumptions: [LINKS_ASSUMPTION] }),
  };
}

/** Gateway cuts for the segments with external links, then one isolation per host. */
function shutdownActions(index: EstateIndex, flags: Uint8Array, entities: readonly number[]) {
  const ids = new ActionIds();
  const external = segmentsOfEntities(index, flags).filter((s) => index.segments.records[s]!.external.length > 0);
  const actions: ActionSpec[] = external.map((s) => cutSegmentAction(ids.next(), index.segments.records[s]!, { external: true, peers: [] }));
  for (const e of entities) for (const h of row(index.entities.hosts, e)) actions.push(isolateHostAction(ids.next(), index.hosts.records[h]!));
  return { actions, external };
}

function shutdownEntity(index: EstateIndex, name: string): ProposedPlan {
  const e = requireId(index.entities.ids, name, 'entity', 'target.entity');
  const entity = index.entities.ids.ids[e]!;
  const flags = new Uint8Array(index.entities.ids.size);
  flags[e] = 1;
  const { actions, external } = shutdownActions(index, flags, [e]);
  if (actions.length === 0) throw invalid(`${entity} has no hosts and no external links to cut`, 'target.entity', 'check the estate: hosts and segments name their entity');
  const region = regionOf(index, e);
  return {
    kind: 'shutdown_entity',
    title: `Shut down ${index.entities.names[e] ?? entity} (${entity})`,
    rationale: `requested: precautionary shutdown of ${entity}`,
    entities: [entity],
    regions: region === null ? [] : [region],
    actions,
    impact: planImpact(index, { isolate: { entities: [entity] }, externalSegments: external, linksCut: [], assumptions: [SHUTDOWN_ASSUMPTION] }),
  };
}

function shutdownRegion(index: EstateIndex, name: string): ProposedPlan {
  const r = requireId(index.regions.ids, name, 'region', 'target.region');
  const region = index.regions.ids.ids[r]!;
  const entities = [...row(index.regions.entities, r)];
  const flags = new Uint8Array(index.entities.ids.size);
  for (const e of entities) flags[e] = 1;
  const { actions, external } = shutdownActions(index, flags, entities);
  if (actions.length === 0) throw invalid(`region ${region} has no hosts and no external links to cut`, 'target.region', 'check the estate: entities name their region');
  return {
    kind: 'shutdown_region',
    title: `Shut down the ${index.regions.names[r] ?? region} region (${region})`,
    rationale: `requested: precautionary shutdown of ${region}`,
    entities: entities.map((e) => index.entities.ids.ids[e]!),
    regions: [region],
    actions,
    impact: planImpact(index, { isolate: { regions: [region] }, externalSegments: external, linksCut: [], assumptions: [SHUTDOWN_ASSUMPTION] }),
  };
}
