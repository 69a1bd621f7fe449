import { hubTests } from '../../vitest.config';

// Relays engage past RELAY_THRESHOLD subscribers (2000 in wrangler.toml): at 2, a handful of
// sockets spread over the owner and several relay shards.
export default hubTests({
  vars: { RELAY_THRESHOLD: '2' },
  include: ['test/relays/**/*.test.ts'],
  exclude: ['test/e2e/**'],
});
