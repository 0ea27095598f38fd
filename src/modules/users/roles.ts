import { z } from 'zod';

/** The roles of a workspace, weakest first: each can do everything the ones before it can. */
export const ROLES = ['viewer', 'csm', 'manager', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export function isRoleAtLeast(role: TRole, minimum: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
