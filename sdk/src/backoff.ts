/** Reconnect delays: exponential, capped, with full jitter, so a fleet that lost its hub at once does not come back at once. */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 30_000 };

/** The wait before reconnect attempt `attempt` (0 for the first), uniformly in [0, min(cap, base·2^attempt)). */
export const reconnectDelay = (backoff: Backoff, attempt: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt));
