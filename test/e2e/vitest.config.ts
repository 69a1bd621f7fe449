import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests in plain Node (no workerd plugin): each file starts a real `wrangler dev` of
// this project and talks to it over HTTP and WebSockets, as storefronts and operators do.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    // One `wrangler dev` at a time: files share ports, CPU and the project's build directory.
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
