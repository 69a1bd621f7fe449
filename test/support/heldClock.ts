import { clock } from '../../workers/platform/clock';

/**
 * Holds the hub's clock still, a minute ahead of the system clock, so a test can assert times
 * exactly and the alarms it sets (by the hub's time) do not ring on their own while it runs;
 * `move` steps it on. The setup file puts the system clock back after each test.
 */
export const holdClock = () => {
  let now = Date.now() + 60_000;
  clock.use({ now: () => now });
  return {
    now: () => now,
    move: (ms: number) => {
      now += ms;
    },
  };
};
