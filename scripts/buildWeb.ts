import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Builds every web page's bundle into `dist/web`, which wrangler.toml's `[assets]` serves: the
 * storefronts' script and styles, the monitoring page. Components import their hooks from
 * `hono/jsx`; in the browser that is `hono/jsx/dom`, the client renderer of the same components.
 */
const OUT = 'dist/web';

const domRenderer: Plugin = {
  name: 'hono-jsx-dom',
  setup(build) {
    build.onResolve({ filter: /^hono\/jsx$/ }, () => ({ path: fileURLToPath(import.meta.resolve('hono/jsx/dom')) }));
  },
};

await mkdir(OUT, { recursive: true });
await build({
  entryPoints: { storefront: 'web/storefront/client.tsx', monitor: 'web/monitor/main.tsx' },
  outdir: OUT,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx/dom',
  plugins: [domRenderer],
  logLevel: 'warning',
});
await copyFile('web/monitor/monitor.html', `${OUT}/monitor.html`);
