import type { Env } from '../env';
import type { MemberSession } from '../members/auth/memberSession';

/** Hono's environment for every route of the edge Worker. */
export interface HubEnv {
  Bindings: Env;
}

/** Routes behind `memberAuth`: the caller's verified session is in `c.var.session`. */
export interface MemberEnv extends HubEnv {
  Variables: { session: MemberSession };
}
