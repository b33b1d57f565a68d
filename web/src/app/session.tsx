/** Who is logged in, and what they may do. The server remains the judge; this only shapes what is offered. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '../api/endpoints';

export type Permission = 'incident:create' | 'incident:write' | 'incident:command' | 'estate:import' | 'users:manage';

export interface Session {
  me: Me;
  can: (permission: Permission) => boolean;
  /** True when the user may see the entity (always for `*`). */
  sees: (entity: string) => boolean;
  logout: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ me, logout, children }: { me: Me; logout: () => void; children: ReactNode }) {
  const session: Session = {
    me,
    can: (permission) => me.permissions.includes(permission),
    sees: (entity) => me.entities === '*' || me.entities.includes(entity),
    logout,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** A key that changes with the user, for per-session caches. */
export const sessionKey = (me: Me): string =>
  `${me.username}:${me.role}:${me.entities === '*' ? '*' : me.entities.join(',')}`;
