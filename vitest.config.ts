import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// The Mini-Shop emulator runs as an auxiliary Worker, so it is bundled (by wrangler) first.
const EMULATOR_BUILD = fileURLToPath(new URL('./.wrangler/emulator-test', import.meta.url));
const buildEmulator = () =>
  execFileSync(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'deploy',
      '--dry-run',
      '--outdir',
      EMULATOR_BUILD,
      '-c',
      'workers/emulator/wrangler.toml',
    ],
    { stdio: 'ignore', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );

// Tests run inside workerd with the real bindings from wrangler.toml: D1 (migrated by the
// setup file) and SQLite-backed Durable Objects; the emulator is reached by a service binding.
// A project may override wrangler.toml's `vars` for its files (the relays' small threshold).
const hubProject = ({
  name,
  vars = {} as Record<string, string>,
  include,
  exclude = [] as string[],
  isolate,
}: {
  name: string;
  vars?: Record<string, string>;
  include: string[];
  exclude?: string[];
  isolate: boolean;
}) =>
  ({
    root: fileURLToPath(new URL('.', import.meta.url)),
    // The Worker renders the storefront's pages (`web/`, outside tsconfig.json's files) with Hono's JSX.
    oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
    plugins: [
      cloudflareTest(async () => {
        buildEmulator();
        return {
          wrangler: { configPath: './wrangler.toml' },
          // The hub's entry plus test-only objects: the room base is tested through a room of its own.
          main: './test/platform/testWorker.ts',
          miniflare: {
            durableObjects: { ECHO_ROOM: { className: 'EchoRoom', useSQLite: true } },
            bindings: {
              ADMIN_TOKEN: 'test-admin-token',
              TOKEN_SECRET: 'test-token-secret',
              AUTH_PROVIDERS: 'development',
              PAYMENT_PROVIDER: 'development',
              PAYMENT_SECRET: 'test-payment-secret',
              EMULATOR_CONTROL_SECRET: 'test-emulator-control',
              // Mini-Shop retries pause milliseconds, not seconds, so fault tests stay fast.
              MINISHOP_RETRY_BASE_MS: '2',
              TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./schema/migrations', import.meta.url))),
              ...vars,
            },
            serviceBindings: { MINISHOP_EMULATOR: 'minishop-emulator' },
            workers: [
              {
                name: 'minishop-emulator',
                modules: true,
                scriptPath: `${EMULATOR_BUILD}/index.js`,
                compatibilityDate: '2026-11-01',
                compatibilityFlags: ['nodejs_compat'],
                durableObjects: { SHOPS: { className: 'EmulatedShop', useSQLite: true } },
                bindings: { CONTROL_SECRET: 'test-emulator-control' },
              },
            ],
          },
        };
      }),
    ],
    test: {
      name,
      include,
      exclude,
      isolate,
      setupFiles: ['./test/setup.ts'],
      // Integration tests run whole objects, D1 and the emulator on one workerd thread: on a loaded
      // 2-core machine a burst test can take several times its idle duration.
      testTimeout: 20_000,
    },
  }) satisfies ViteUserConfig;

// Most files share a runtime (one per worker), one after another: starting workerd and loading
// the hub for each file cost more than the tests themselves. A file that reads the whole hub's
// state (the checks and Force Sync, the monitor's log, the dashboard's counts, the emulator's call
// counts) gets a fresh one.
const WHOLE_HUB_STATE = [
  'test/authMatrix.test.ts',
  'test/dashboard.test.ts',
  'test/monitor*.test.ts',
  'test/orderOutbox.test.ts',
  'test/staff/monitorSocket.test.ts',
  'test/shopsync/categoryNames.test.ts',
  'test/shopsync/migratedContent.test.ts',
];

// Relays engage past RELAY_THRESHOLD subscribers (2000 in wrangler.toml): at 2, a handful of
// sockets spread over the owner and several relay shards.
export default defineConfig({
  test: {
    // Two workers on a 2-core machine: most tests wait on alarms and flushes, not on the CPU.
    maxWorkers: 2,
    projects: [
      hubProject({
        name: 'hub',
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'test/relays/**', ...WHOLE_HUB_STATE],
        isolate: false,
      }),
      hubProject({ name: 'hub state', include: WHOLE_HUB_STATE, isolate: true }),
      hubProject({
        name: 'relays',
        vars: { RELAY_THRESHOLD: '2' },
        include: ['test/relays/**/*.test.ts'],
        isolate: true,
      }),
    ],
  },
});
