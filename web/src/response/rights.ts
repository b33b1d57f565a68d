/**
 * What the logged-in person may do in containment and recovery, mirrored from the server's roles and policy so
 * that buttons are offered, disabled with a reason, or left out. The server stays the judge: every refusal it
 * sends is shown as it is.
 */
import type { Me } from '../api/endpoints';
import { useSession } from '../app/session';

export interface ResponseRights {
  me: Me;
  propose: boolean;
  approve: boolean;
  rollback: boolean;
  breakGlass: boolean;
  write: boolean;
  command: boolean;
  /** Whether these entities may be declared out of scope (or a recovery step signed off) by this person. */
  mayDeclare: (entities: readonly string[]) => boolean;
  /** Why not, in words, or null. */
  whyNotDeclare: (entities: readonly string[]) => string | null;
}

/** `mayDeclare` of src/respond: a commander or an admin, or an entity lead whose entities cover every one. */
function covers(me: Me, entities: readonly string[]): boolean {
  if (me.role === 'commander' || me.role === 'admin') return true;
  if (me.role !== 'entity_lead') return false;
  return me.entities === '*' || entities.every((e) => me.entities.includes(e));
}

export function useResponseRights(): ResponseRights {
  const { me } = useSession();
  const has = (permission: string) => me.permissions.includes(permission);
  return {
    me,
    propose: has('plans:propose'),
    approve: has('plans:approve'),
    rollback: has('plans:rollback'),
    breakGlass: has('plans:break_glass'),
    write: has('incident:write'),
    command: has('incident:command'),
    mayDeclare: (entities) => covers(me, entities),
    whyNotDeclare: (entities) =>
      covers(me, entities) ? null : `needs a lead of ${entities.join(', ')}, a commander or an admin (you are ${me.role.replace('_', ' ')})`,
  };
}
