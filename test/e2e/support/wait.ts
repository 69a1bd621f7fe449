/** Waiting helpers for end-to-end tests: every wait has a deadline and says what it waited for. */

/** How soon a change must show on a storefront that has it on screen. */
export const LIVE_WITHIN_MS = 3000;

/** Resolves once `predicate` holds (checked now, then every `intervalMs`); rejects after `timeoutMs`. */
export const waitFor = async (
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  label: string,
  intervalMs = 10,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
};

/**
 * Resolves with the arguments of the next event that `accept` takes (any event by default);
 * rejects after `timeoutMs`. `subscribe` adds the listener and returns how to remove it, so it
 * fits any emitter (lib0 observables, Node emitters, `Y.Map.observe`).
 */
export const waitForEvent = <A extends unknown[]>(
  subscribe: (listener: (...args: A) => void) => () => void,
  timeoutMs: number,
  label: string,
  accept: (...args: A) => boolean = () => true,
): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      unsubscribe?.();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`));
    }, timeoutMs);
    unsubscribe = subscribe((...args: A) => {
      if (settled || !accept(...args)) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      resolve(args);
    });
    if (settled) unsubscribe();
  });

/**
 * Lets `ms` of wall-clock time pass with nothing sent. This is the one place a timed wait is the
 * point rather than a stand-in for an event: a test uses it to prove that something (a connection,
 * a timeout) survives a stretch of silence of at least this length.
 */
export const idleFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `read` until `accept` takes a value or `timeoutMs` passes, and resolves with the last
 * value read either way, so the caller asserts on what the hub last showed (a clear diff) rather
 * than on a bare timeout.
 */
export const lastReadWithin = async <T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
};
