/**
 * Roles, permissions and entity scope. Pure: the route layer asks `can()` and `inScope()`.
 *
 * | role         | may                                                                  |
 * |--------------|----------------------------------------------------------------------|
 * | viewer       | read the estate and incidents in its entities, verify the audit log  |
 * | responder    | + open incidents, add notes, tasks and scope changes, send events     |
 * | entity_lead  | + what a responder may, and lead its entities (approvals come later)  |
 * | commander    | + change state, severity and commander of incidents                   |
 * |              |   and run exercises (`exercises:run`, with every entity in scope)       |
 * | admin        | + manage users and import the estate, enrol agents                    |
 *
 * Agent commands (`agents:command`) are for commanders and admins for now; plans and approvals will wrap them.
 * Containment plans: responders and above propose plans and may approve or reject them (`plans:propose`,
 * `plans:approve`; the approval policy then decides whose approval counts), entity leads and above roll back
 * plans of their entities (`plans:rollback`), commanders and admins may break the glass (`plans:break_glass`,
 * with a reason, if the policy allows it).
 * Indicator sets (`indicators:write`) apply to events of every entity: responders and above may change them,
 * and the route also requires a scope of every entity.
 * Obligations and notices: responders draft, edit and record notices as sent (`notice:write`); entity leads,
 * commanders and admins also record legal events for their entities (`obligations:record`: determinations,
 * classifications, filings, payments, decisions) and approve notices (`notice:approve`; regulator, police and
 * data-subject notices need an approver who did not write them).
 */
import type { Role } from '../../store/types.js';

export const ROLES = ['viewer', 'responder', 'entity_lead', 'commander', 'admin'] as const satisfies readonly Role[];

export type Permission =
  | 'estate:read'
  | 'estate:import'
  | 'incident:read'
  | 'incident:create'
  | 'incident:write'
  | 'incident:command'
  | 'audit:verify'
  | 'users:manage'
  | 'tokens:own'
  | 'agents:enrol'
  | 'agents:command'
  | 'plans:propose'
  | 'plans:approve'
  | 'plans:rollback'
  | 'plans:break_glass'
  | 'intake:write'
  | 'indicators:write'
  | 'obligations:record'
  | 'notice:write'
  | 'notice:approve'
  | 'exercises:run';

const VIEWER: Permission[] = ['estate:read', 'incident:read', 'audit:verify', 'tokens:own'];
const RESPONDER: Permission[] = [...VIEWER, 'incident:create', 'incident:write', 'intake:write', 'indicators:write', 'notice:write'];
const ENTITY_LEAD: Permission[] = [...RESPONDER, 'obligations:record', 'notice:approve'];
const COMMANDER: Permission[] = [...ENTITY_LEAD, 'incident:command', 'agents:command', 'exercises:run'];

const PLANS_RESPONDER: Permission[] = ['plans:propose', 'plans:approve'];
const PLANS_LEAD: Permission[] = [...PLANS_RESPONDER, 'plans:rollback'];
const PLANS_COMMANDER: Permission[] = [...PLANS_LEAD, 'plans:break_glass'];

const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  responder: new Set([...RESPONDER, ...PLANS_RESPONDER]),
  entity_lead: new Set([...ENTITY_LEAD, ...PLANS_LEAD]),
  commander: new Set([...COMMANDER, ...PLANS_COMMANDER]),
  admin: new Set<Permission>([...COMMANDER, ...PLANS_COMMANDER, 'estate:import', 'users:manage', 'agents:enrol']),
};

/** Who is calling: resolved from a bearer token or a browser session. */
export interface Principal {
  username: string;
  displayName: string;
  role: Role;
  /** Entity ids in scope; `'*'` for all. */
  entities: readonly string[] | '*';
  tokenId: string;
}

export function can(principal: Principal, permission: Permission): boolean {
  return PERMISSIONS[principal.role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...PERMISSIONS[role]];
}

/** Whether the principal may see or act on an entity. */
export function inScope(principal: Principal, entity: string): boolean {
  return principal.entities === '*' || principal.entities.includes(entity);
}

/** The entity filter for list queries: undefined means no filter (all entities). */
export function entityFilter(principal: Principal): string[] | undefined {
  return principal.entities === '*' ? undefined : [...principal.entities];
}

/** Stored form (`['*']`) to principal form (`'*'`). */
export function toScope(entities: readonly string[]): readonly string[] | '*' {
  return entities.includes('*') ? '*' : entities;
}
