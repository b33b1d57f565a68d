/**
 * Containment suggestions from an incident's scope and the estate: isolate the suspected and in-scope hosts
 * (one plan per entity, so that its own people approve it), cut the external connectivity and the links of
 * the segments that hold them, shut down entities marked in scope as a whole, and shut down, as a precaution,
 * every region the blast radius reaches where nothing is in scope yet (the 2021 EMEA case).
 */
import { blastRadius, type EstateIndex } from '../estate/graph/index.js';
import { affectedAssets, type AffectedAsset, type ScopeView } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import { buildPlan } from './planner.build.js';
import { linkedSegments, lookup, regionOf } from './planner.estate.js';
import type { PlanRequest } from './planner.request.js';
import type { ProposedPlan } from './types.js';

/** A plan the planner proposes; `key` picks it when a person turns it into a plan. */
export interface PlanSuggestion {
  key: string;
  request: PlanRequest;
  plan: ProposedPlan;
}

export interface PlanSuggestions {
  suggestions: PlanSuggestion[];
  /** What the planner left out, and why. */
  notes: string[];
}

/** More segments than this in scope: segment cuts are not proposed one by one (shut the entity down instead). */
export const MAX_SEGMENT_SUGGESTIONS = 50;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface ScopedHost {
  id: number;
  hostname: string;
  entity: string;
  segment: number;
  state: AffectedAsset['state'];
}

function scopedHosts(index: EstateIndex, assets: readonly AffectedAsset[]): ScopedHost[] {
  const out: ScopedHost[] = [];
  for (const asset of assets) {
    const id = lookup(index.hosts.ids, asset.ref);
    if (id < 0) continue;
    const record = index.hosts.records[id]!;
    out.push({ id, hostname: record.hostname, entity: record.entity, segment: index.hosts.segment[id] ?? -1, state: asset.state });
  }
  return out;
}

function describeHosts(hosts: readonly ScopedHost[]): string {
  const inScope = hosts.filter((h) => h.state === 'in_scope').length;
  const parts = [inScope > 0 ? `${inScope} in scope` : '', hosts.length - inScope > 0 ? `${hosts.length - inScope} suspected` : ''];
  return parts.filter(Boolean).join(', ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Builds a suggestion, or records why it could not be built. */
function suggest(index: EstateIndex, key: string, request: PlanRequest, rationale: string, notes: string[]): PlanSuggestion[] {
  try {
    return [{ key, request, plan: buildPlan(request, index, rationale) }];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    notes.push(`${key}: ${error.message}`);
    return [];
  }
}

function hostSuggestions(index: EstateIndex, hosts: readonly ScopedHost[], notes: string[]): PlanSuggestion[] {
  return [...groupBy(hosts, (h) => h.entity)].flatMap(([entity, list]) =>
    suggest(index, `isolate_hosts:${entity}`, { kind: 'isolate_hosts', target: { hosts: list.map((h) => h.hostname) } },
      `${describeHosts(list)} in ${entity}: ${list.slice(0, 10).map((h) => h.hostname).join(', ')}${list.length > 10 ? ', ...' : ''}`, notes),
  );
}

function segmentSuggestions(index: EstateIndex, hosts: readonly ScopedHost[], segmentAssets: readonly AffectedAsset[], notes: string[]) {
  const holding = groupBy(hosts.filter((h) => h.segment >= 0), (h) => index.segments.ids.ids[h.segment]!);
  for (const asset of segmentAssets) if (lookup(index.segments.ids, asset.ref) >= 0 && !holding.has(asset.ref)) holding.set(asset.ref, []);
  if (holding.size > MAX_SEGMENT_SUGGESTIONS) {
    notes.push(`${holding.size} segments hold hosts in scope: segment cuts are not proposed one by one; consider an entity or region shutdown`);
    return [];
  }
  return [...holding].flatMap(([id, list]) => {
    const segment = index.segments.records[index.segments.ids.get(id)]!;
    const why = list.length > 0 ? `${id} holds ${plural(list.length, 'host')} in scope or suspected (${describeHosts(list)})` : `${id} is itself in scope or suspected`;
    const out: PlanSuggestion[] = [];
    if (segment.external.length > 0) {
      const links = segment.external.map((link) => `${link.kind} ${link.name}`).join(', ');
      out.push(...suggest(index, `cut_segment_external:${id}`, { kind: 'cut_segment_external', target: { segment: id } }, `${why} and reaches outside the estate through ${links}`, notes));
    }
    const { peers } = linkedSegments(index, id);
    if (peers.length > 0) {
      out.push(...suggest(index, `cut_segment_links:${id}`, { kind: 'cut_segment_links', target: { segment: id } }, `${why} and is linked to ${peers.join(', ')}`, notes));
    }
    return out;
  });
}

function entitySuggestions(index: EstateIndex, scope: ScopeView, notes: string[]): PlanSuggestion[] {
  const marked = scope.entity.filter((item) => item.state === 'suspected' || item.state === 'in_scope');
  return marked.flatMap((item) =>
    suggest(index, `shutdown_entity:${item.ref}`, { kind: 'shutdown_entity', target: { entity: item.ref } }, `${item.ref} is marked ${item.state.replace('_', ' ')} as a whole`, notes),
  );
}

/** Regions reached by the blast radius of the scoped hosts where nothing is in scope: a precautionary shutdown. */
function regionSuggestions(index: EstateIndex, hosts: readonly ScopedHost[], affectedEntities: readonly AffectedAsset[], notes: string[]) {
  if (hosts.length === 0) return [];
  const hit = new Set<string>();
  for (const asset of affectedEntities) {
    const e = lookup(index.entities.ids, asset.ref);
    const region = e < 0 ? null : regionOf(index, e);
    if (region !== null) hit.add(region);
  }
  const radius = blastRadius(index, hosts.map((h) => h.hostname));
  return radius.regions
    .filter((region) => region.hostsReached > 0 && !hit.has(region.id))
    .flatMap((region) =>
      suggest(index, `shutdown_region:${region.id}`, { kind: 'shutdown_region', target: { region: region.id } },
        `the blast radius of ${plural(hosts.length, 'host')} in scope reaches ${region.id} (${region.entities.join(', ')}: ${plural(region.hostsReached, 'host')} reachable, ${plural(region.servicesAtRisk, 'service')} at risk) where nothing is in scope yet: a precautionary shutdown`,
        notes),
    );
}

export interface SuggestOptions {
  /** Hosts a running or completed plan isolates already: not proposed for isolation again. */
  isolated?: ReadonlySet<string>;
}

/**
 * Containment plans for an incident: host isolation per entity first (hosts already isolated left out), then
 * segment cuts, entity shutdowns and precautionary region shutdowns. Hosts or segments in the scope that the
 * estate does not know are skipped.
 *
 * @example
 * const { suggestions } = suggestPlans(index, projectScope(decoded));
 * suggestions.map((s) => s.key); // ['isolate_hosts:fujifilm-jp', 'cut_segment_external:tokyo-office', ..., 'shutdown_region:emea']
 */
export function suggestPlans(index: EstateIndex, scope: ScopeView, options: SuggestOptions = {}): PlanSuggestions {
  const affected = affectedAssets(scope);
  const hosts = scopedHosts(index, affected.hosts);
  const notes: string[] = [];
  const isolated = options.isolated ?? new Set<string>();
  const toIsolate = hosts.filter((h) => !isolated.has(h.hostname));
  if (toIsolate.length < hosts.length) notes.push(`${plural(hosts.length - toIsolate.length, 'host')} in scope or suspected ${hosts.length - toIsolate.length === 1 ? 'is' : 'are'} isolated already by a running or completed plan`);
  const suggestions = [
    ...hostSuggestions(index, toIsolate, notes),
    ...segmentSuggestions(index, hosts, affected.segments, notes),
    ...entitySuggestions(index, scope, notes),
    ...regionSuggestions(index, hosts, affected.entities, notes),
  ];
  return { suggestions, notes };
}
