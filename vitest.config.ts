import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with the real bindings from wrangler.toml: D1 (migrated by the
// setup file) and SQLite-backed Durable Objects.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: 'test-admin-token',
          TOKEN_SECRET: 'test-token-secret',
          AUTH_PROVIDERS: 'development',
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./schema/migrations', import.meta.url))),
        },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    setupFiles: ['./test/setup.ts'],
  },
});
