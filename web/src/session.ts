import { createContext, useContext } from 'react';
import type { TMe, TRole } from './types.ts';

const ROLES: TRole[] = ['viewer', 'csm', 'manager', 'admin'];

/** The UI hides what the role may not do; the API refuses it anyway (src/http/permissions.ts). */
export function isRoleAtLeast(role: TRole, minimum: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

export const SessionContext = createContext<TMe | null>(null);

export function useSession(): TMe {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in page');
  return me;
}
