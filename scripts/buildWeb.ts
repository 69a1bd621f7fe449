import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { APP_ICON_SIZES, APP_MANIFEST, APP_SERVICE_WORKER, appIconPath, appManifest } from '../web/app/shell';
import { appIconPng } from './appIcons';

/**
 * Builds every web page's bundle into `dist/web`, which wrangler.toml's `[assets]` serves: the
 * storefronts' script and styles, the four-channel demo, the monitoring page, the back office, and the App's
 * service worker, manifest and icons under `app/` (a worker's scope is its folder: `/app/`). Components import their hooks from
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
  entryPoints: {
    storefront: 'web/storefront/client.tsx',
    demo: 'web/demo/client.tsx',
    monitor: 'web/monitor/main.tsx',
    admin: 'web/backOffice/client.tsx',
  },
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
await build({
  entryPoints: ['web/app/serviceWorker.ts'],
  outfile: `${OUT}${APP_SERVICE_WORKER}`,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning',
});
await writeFile(`${OUT}${APP_MANIFEST}`, JSON.stringify(appManifest, null, 2));
for (const size of APP_ICON_SIZES) await writeFile(`${OUT}${appIconPath(size)}`, appIconPng(size));
