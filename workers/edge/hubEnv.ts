import type { Env } from '../env';

/** Hono's environment for every route of the edge Worker. */
export interface HubEnv {
  Bindings: Env;
}
