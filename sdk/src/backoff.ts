/** Reconnect delays: exponential, capped, with full jitter, so a fleet that lost its hub at once does not come back at once. */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/**
 * The first retry is spread over 4 s: after a deploy every socket closes at once and the hub is back
 * at once, so a narrower first window brings the whole fleet back in the same second (with 500 ms,
 * all of it: `test/e2e/sdkBackoff.test.ts`, `npm run bench:reconnect`). A shopper's own network
 * coming back does not wait for it: the runtimes' `onShow` (the browser's `online`) reconnects at once.
 */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 4000, capMs: 30_000 };

/** The wait before reconnect attempt `attempt` (0 for the first), uniformly in [0, min(cap, base·2^attempt)). */
export const reconnectDelay = (backoff: Backoff, attempt: number, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt));
