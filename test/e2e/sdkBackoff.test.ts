// Plain Node, no wrangler: how the SDK's reconnect delays spread a fleet that lost the hub at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busiestWindow } from '../../bench/stats';
import { type Backoff, DEFAULT_BACKOFF, reconnectDelay } from '../../sdk/src/backoff';
import { SeededRandom } from './support/seededRandom';

const FLEET = 1000;
const SECOND = 1000;

/** When each of `FLEET` clients that lost the hub at 0 is back, if the hub refuses every attempt before `downMs`. */
const backAt = (backoff: Backoff, downMs: number, random: () => number): number[] =>
  Array.from({ length: FLEET }, () => {
    let at = 0;
    for (let attempt = 0; ; attempt++) {
      at += reconnectDelay(backoff, attempt, random);
      if (at >= downMs) return at;
    }
  });

describe('reconnect backoff across a fleet', () => {
  it('brings a fleet back over several seconds after a deploy, under a third of it in any one second', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = new SeededRandom(seed);
        const back = backAt(DEFAULT_BACKOFF, 0, () => random.next());
        // 250 per second on average; a third is six standard deviations above it, 0.3 only three and a half.
        expect(busiestWindow(back, SECOND) / FLEET).toBeLessThan(1 / 3);
        expect(Math.max(...back)).toBeLessThan(DEFAULT_BACKOFF.baseMs);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps a fleet spread out when the hub stays down for up to a minute (under 40 % in any one second), each client back within the cap', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), (seed, downSeconds) => {
        const random = new SeededRandom(seed);
        const back = backAt(DEFAULT_BACKOFF, downSeconds * SECOND, () => random.next());
        expect(busiestWindow(back, SECOND) / FLEET).toBeLessThan(0.4);
        expect(Math.max(...back)).toBeLessThan(downSeconds * SECOND + DEFAULT_BACKOFF.capMs);
      }),
      { numRuns: 50 },
    );
  });
});
