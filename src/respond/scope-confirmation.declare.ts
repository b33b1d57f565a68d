/**
 * Declaring a region (or one entity) out of scope: who may, what is recorded (`scope.region_cleared`, and each
 * entity of the region `cleared` in the scope), and the declarations made so far.
 */
import { z } from 'zod';
import type { EstateDocument } from '../estate/index.js';
import type { IncidentEvent } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import { clearanceSummary, type RegionClearance } from './scope-confirmation.js';

export const regionClearedPayloadSchema = z.object({
  region: z.string().max(80),
  /** The entities declared out of scope (all of the region's, or the one named). */
  entities: z.array(z.string().max(80)).max(1000),
  /** The username of the person who declared it. */
  by: z.string().max(100),
  evidence: z.object({
    summary: z.string().max(2000),
    hosts: z.number().int().nonnegative(),
    sweptClean: z.number().int().nonnegative(),
    excepted: z.array(z.object({ host: z.string().max(80), reason: z.string().max(2000) })).max(10_000).default([]),
    /** The sweep plans whose results the declaration rests on. */
    sweeps: z.array(z.string().max(200)).max(1000).default([]),
  }),
  note: z.string().max(2000).optional(),
});
export type RegionClearedPayload = z.output<typeof regionClearedPayloadSchema>;

/** Who is declaring: a role and the entities in scope (`'*'` for all). */
export interface Declarer {
  username: string;
  role: string;
  entities: readonly string[] | '*';
}

/**
 * Whether a person may declare these entities out of scope: a commander or an admin, or an entity lead whose
 * entities cover every one of them (a region's lead).
 *
 * @example
 * mayDeclare({ username: 'uk-lead', role: 'entity_lead', entities: ['uk-ltd'] }, ['uk-ltd']); // true
 */
export function mayDeclare(declarer: Declarer, entities: readonly string[]): boolean {
  if (declarer.role === 'commander' || declarer.role === 'admin') return true;
  if (declarer.role !== 'entity_lead') return false;
  const scope = declarer.entities;
  return scope === '*' || entities.every((e) => scope.includes(e));
}

/** The entity ids of a region, sorted. */
export function entitiesOfRegion(estate: EstateDocument, region: string): string[] {
  return estate.entities.filter((e) => e.region === region).map((e) => e.id).sort();
}

/**
 * The `scope.region_cleared` payload for a region that can be declared out of scope.
 *
 * @throws UserError `conflict` (409) with the blockers when not every host is swept clean or excepted.
 * @example
 * regionDeclaration(clearance, { by: 'emea-lead', exceptions: [], sweeps: ['P-3'] }).evidence.summary;
 */
export function regionDeclaration(
  clearance: RegionClearance,
  input: { by: string; exceptions: readonly { host: string; reason: string }[]; sweeps: readonly string[]; note?: string; entity?: string },
): RegionClearedPayload {
  const scope = input.entity === undefined ? clearance : clearance.entities.find((e) => e.entity === input.entity);
  if (!scope) throw new UserError('not_found', `entity ${input.entity ?? ''} is not in region ${clearance.region}`);
  if (!scope.canDeclare) {
    throw new UserError('conflict', `${input.entity ?? `region ${clearance.region}`} cannot be declared out of scope: ${scope.blockers.join('; ')}`, [], {
      blockers: scope.blockers,
      outstanding: scope.outstanding.slice(0, 20).map((s) => `${s.host}: ${s.status}`),
      hint: 'sweep the outstanding hosts (POST /api/incidents/:id/sweeps) or list them as exceptions with a reason',
    });
  }
  const listed = new Set(scope.outstanding.map((s) => s.host));
  const excepted = input.exceptions.filter((e) => !listed.has(e.host));
  const payload: RegionClearedPayload = {
    region: clearance.region,
    entities: input.entity === undefined ? clearance.entities.map((e) => e.entity) : [input.entity],
    by: input.by,
    evidence: { summary: clearanceSummary(scope), hosts: scope.hosts, sweptClean: scope.sweptClean, excepted, sweeps: [...input.sweeps] },
  };
  if (input.note !== undefined) payload.note = input.note;
  return payload;
}

/** The `scope.changed` entries that mark each declared entity `cleared`, with the declaration as evidence. */
export function entityClearances(payload: RegionClearedPayload) {
  const evidence = `region ${payload.region} declared out of scope by ${payload.by}: ${payload.evidence.summary}`;
  return payload.entities.map((entity) => ({ type: 'scope.changed' as const, payload: { kind: 'entity' as const, ref: entity, state: 'cleared' as const, evidence } }));
}

/**
 * The declarations recorded in an incident's log, oldest first.
 *
 * @example
 * declaredRegions(events).map((d) => d.payload.region); // ['emea']
 */
export function declaredRegions(events: readonly IncidentEvent[]): { at: string; seq: number; payload: RegionClearedPayload }[] {
  const out: { at: string; seq: number; payload: RegionClearedPayload }[] = [];
  for (const event of events) {
    if (event.type !== 'scope.region_cleared') continue;
    const parsed = regionClearedPayloadSchema.safeParse(event.payload);
    if (parsed.success) out.push({ at: event.at, seq: event.seq, payload: parsed.data });
  }
  return out;
}
