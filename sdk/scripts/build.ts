/**
 * `npm run build:sdk`: one ESM file per entry point in `sdk/dist/` (the SDK's own code and what it
 * takes from `shared/`; yjs, y-protocols, lib0, zod, ws and y-indexeddb stay imports for the app's bundler),
 * then the type declarations. `--size` also prints each entry point's gzip size as an app ships
 * it: bundled with its dependencies and minified.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRIES = {
  index: 'sdk/src/index.ts',
  browser: 'sdk/src/adapters/browser.ts',
  node: 'sdk/src/adapters/node.ts',
};
const EXTERNAL = ['yjs', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', 'zod', 'ws', 'y-indexeddb'];

await build({
  entryPoints: ENTRIES,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  platform: 'neutral',
  external: EXTERNAL,
  outdir: 'sdk/dist',
  logLevel: 'warning',
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'sdk/tsconfig.json'], { stdio: 'inherit' });

if (process.argv.includes('--size')) {
  console.log('entry point   minified   gzip (bundled with yjs, y-protocols, lib0, zod)');
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      platform: name === 'node' ? 'node' : 'browser',
      external: name === 'node' ? ['ws'] : [],
      write: false,
      logLevel: 'warning',
    });
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
    console.log(
      `${name.padEnd(12)}  ${(bytes.byteLength / 1024).toFixed(1).padStart(7)} KiB  ${(gzipSync(bytes).byteLength / 1024).toFixed(1).padStart(6)} KiB`,
    );
  }
}
