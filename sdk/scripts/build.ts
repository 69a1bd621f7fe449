/**
 * `npm run build:sdk`: one ESM file per entry point in `sdk/dist/` (the SDK's own code and what it
 * takes from `shared/`; yjs, y-protocols, lib0, zod, ws and y-indexeddb stay imports for the app's bundler),
 * then the type declarations. `--size` also prints each entry point's gzip size as an app ships
 * it: bundled with its dependencies and minified.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const ENTRIES = {
  index: 'sdk/src/index.ts',
  browser: 'sdk/src/adapters/browser.ts',
  node: 'sdk/src/adapters/node.ts',
  wx: 'sdk/src/adapters/wx.ts',
  uni: 'sdk/src/adapters/uni.ts',
  'react-native': 'sdk/src/adapters/reactNative.ts',
};
const EXTERNAL = [
  'yjs',
  'y-protocols',
  'y-protocols/*',
  'lib0',
  'lib0/*',
  'zod',
  'ws',
  'react-native-get-random-values',
  'y-indexeddb',
];

/**
 * The random-values source must run before Yjs loads, but esbuild puts every external import
 * (yjs, lib0) above the code it inlines: so it is a file of its own, imported first.
 */
const RANDOM_VALUES = 'sdk/src/adapters/wxRandomValues.ts';
const randomValuesFirst: Plugin = {
  name: 'random-values-first',
  setup(plugin) {
    plugin.onResolve({ filter: /\/wxRandomValues$/ }, () => ({ path: './wxRandomValues.js', external: true }));
  },
};

await build({
  entryPoints: { ...ENTRIES, wxRandomValues: RANDOM_VALUES },
  bundle: true,
  format: 'esm',
  target: 'es2020',
  platform: 'neutral',
  external: EXTERNAL,
  plugins: [randomValuesFirst],
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
      // The polyfill is the React Native app's own (it needs react-native); ws is Node's.
      external: name === 'node' ? ['ws'] : ['react-native-get-random-values'],
      write: false,
      logLevel: 'warning',
    });
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
    console.log(
      `${name.padEnd(12)}  ${(bytes.byteLength / 1024).toFixed(1).padStart(7)} KiB  ${(gzipSync(bytes).byteLength / 1024).toFixed(1).padStart(6)} KiB`,
    );
  }
}
