/** How often and how long the transport waits before trying a transient failure again. */
export interface BackoffPolicy {
  /** Total tries of one call, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Injected so tests run without real waiting. */
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1); injected for deterministic tests. */
  random: () => number;
}

export const defaultBackoff: BackoffPolicy = {
  attempts: 6,
  baseMs: 500,
  maxMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * "Full jitter" exponential backoff: a random wait up to base·2^retry, capped, so many shops
 * hitting the same limit spread out instead of retrying in lockstep.
 */
export const backoffDelay = (policy: BackoffPolicy, retry: number): number =>
  Math.floor(policy.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** retry));
