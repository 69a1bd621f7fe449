/** A source of the current time in ms since the epoch. */
export interface TimeSource {
  now(): number;
}

const systemTime: TimeSource = { now: () => Date.now() };
let source: TimeSource = systemTime;

/**
 * The one place the hub reads the time. Expiry, flash-sale starts and ends, T+1 sales and every
 * stamp go through it, so a test moves time by installing another source instead of rewriting
 * what objects stored.
 */
export const clock = {
  now: (): number => source.now(),
  /** Installs `next` as the time source (tests); `reset` puts the system clock back. */
  use(next: TimeSource): void {
    source = next;
  },
  reset(): void {
    source = systemTime;
  },
};
