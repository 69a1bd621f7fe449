import { clock } from '../../workers/platform/clock';

/**
 * Moves the hub's clock `ms` ahead of the system clock (tests run in the same isolate as the
 * objects, so every object reads it). The setup file puts the system clock back after each test.
 */
export const moveClock = (ms: number): void => {
  const ahead = clock.now() - Date.now() + ms;
  clock.use({ now: () => Date.now() + ahead });
};
