import type { Context } from 'hono';
import type { StaffRole, StaffRow } from './records/staffRecords';

/** Who is calling an admin route: the API key (scripts, acting as owner) or a signed-in staff member. */
export type Principal = { kind: 'api-key' } | { kind: 'staff'; staff: StaffRow; sessionHash: string };

const principals = new WeakMap<Context, Principal>();

export const setPrincipal = (c: Context, principal: Principal): void => {
  principals.set(c, principal);
};

/** The caller the admin middleware resolved; undefined before it ran. */
export const principalOf = (c: Context): Principal | undefined => principals.get(c);

export const roleOf = (principal: Principal): StaffRole =>
  principal.kind === 'api-key' ? 'owner' : principal.staff.role;

/** The principal as the audit log names it. */
export const actorOf = (principal: Principal | undefined) => {
  if (!principal) return { actorKind: 'anonymous' as const, actorId: null, actorLogin: null };
  if (principal.kind === 'api-key') return { actorKind: 'api-key' as const, actorId: null, actorLogin: 'api-key' };
  return { actorKind: 'staff' as const, actorId: principal.staff.id, actorLogin: principal.staff.login };
};
