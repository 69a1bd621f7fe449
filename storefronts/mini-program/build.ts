/**
 * `npm run build:mini`: the mini-program as WeChat DevTools opens it, in `dist/mini-program/`. Every
 * page and component becomes a CommonJS `.js` beside its `.json`, `.wxml` and `.wxss`; the SDK is
 * bundled once into `lib/mallsync.js` and the hub's address stays its own `config.js`, both
 * required by `app.js`. Prints the size of what it wrote.
 */
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.join(HERE, 'src');
const ROOT = path.resolve(HERE, '../..');
const OUT = path.join(ROOT, 'dist', 'mini-program');

/** Modules that are files of their own in the output: importing one requires it instead of inlining it. */
const SHARED_FILES = ['config', 'lib/mallsync'];

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
};

/**
 * Imports of a shared file become a `require` of it, relative to where the entry's output lands
 * (a module inlined into a page requires from the page's folder, not its own).
 */
const sharedFilesRequired = (entry: string): Plugin => ({
  name: 'shared-files-required',
  setup(plugin) {
    plugin.onResolve({ filter: /^\./ }, ({ path: imported, resolveDir }) => {
      const target = path.relative(SOURCE, path.resolve(resolveDir, imported));
      if (!SHARED_FILES.includes(target) || entry === path.join(SOURCE, `${target}.ts`)) return undefined;
      const relative = path.relative(path.dirname(path.relative(SOURCE, entry)), target);
      return { path: `${relative.startsWith('.') ? relative : `./${relative}`}.js`, external: true };
    });
  },
});

const sources = await filesUnder(SOURCE);
const scripts = sources.filter((file) => {
  const name = path.relative(SOURCE, file).replace(/\.ts$/, '');
  return name === 'app' || SHARED_FILES.includes(name) || /^(pages|components)\/[^/]+\/index$/.test(name);
});
const statics = sources.filter((file) => /\.(json|wxml|wxss)$/.test(file));

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
await Promise.all(
  scripts.map((entry) =>
    build({
      entryPoints: [entry],
      outbase: SOURCE,
      outdir: OUT,
      bundle: true,
      format: 'cjs',
      // What WeChat's base libraries run on phones still in use; DevTools may lower it further.
      target: 'es2017',
      platform: 'browser',
      // The main package may hold 2 MB; the SDK is most of what this one ships.
      minify: true,
      plugins: [sharedFilesRequired(entry)],
      logLevel: 'warning',
    }),
  ),
);
await Promise.all([
  ...statics.map((file) => cp(file, path.join(OUT, path.relative(SOURCE, file)))),
  cp(path.join(HERE, 'project.config.json'), path.join(OUT, 'project.config.json')),
]);

const sizeOf = async (files: string[]) =>
  (await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
const written = await filesUnder(OUT);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `dist/mini-program: ${written.length} files, ${kib(await sizeOf(written))} (lib/mallsync.js ${kib(await sizeOf([path.join(OUT, 'lib', 'mallsync.js')]))})`,
);
