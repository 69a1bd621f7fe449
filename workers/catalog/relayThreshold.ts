import type { Env } from '../env';

/** How many subscribers a SKU room or the catalog holds, and each relay shard, when wrangler.toml sets none. */
const DEFAULT_RELAY_THRESHOLD = 2000;

/** The `RELAY_THRESHOLD` var: subscribers per object of the catalog's crowded rooms. */
export const relayThresholdOf = (env: Env): number => {
  const threshold = Number(env.RELAY_THRESHOLD);
  return Number.isSafeInteger(threshold) && threshold > 0 ? threshold : DEFAULT_RELAY_THRESHOLD;
};
