import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MiniProgramShim } from './miniProgramShim';
import { RuntimeRealm } from './runtimeRealm';
import { PROJECT_ROOT } from './wranglerDev';

/** Where `npm run build:mini` writes the project WeChat DevTools opens. */
const BUILT = path.join(PROJECT_ROOT, 'dist', 'mini-program');
const BUILD_TIMEOUT_MS = 60_000;

/** `npm run build:mini`, as a developer runs it before opening DevTools. */
export const buildMiniProgram = (): Promise<void> =>
  new Promise((resolve, reject) =>
    execFile('npm', ['run', 'build:mini'], { cwd: PROJECT_ROOT, timeout: BUILD_TIMEOUT_MS }, (error, _out, stderr) =>
      error ? reject(new Error(`npm run build:mini failed: ${stderr}`)) : resolve(),
    ),
  );

/**
 * A copy of the built project pointed at `hubUrl` by its `config.js`, as a developer points
 * DevTools at another hub (storefronts/mini-program/README.md). It lives outside the repository:
 * the repository's package.json says `"type": "module"`, under which Node would not load the
 * project's CommonJS files. Answers its folder and how to delete it.
 */
export const installMiniProgram = async (hubUrl: string) => {
  const root = await mkdtemp(path.join(tmpdir(), 'mallsync-mini-'));
  await cp(BUILT, root, { recursive: true });
  await writeFile(path.join(root, 'config.js'), `module.exports = { HUB_URL: ${JSON.stringify(hubUrl)} };\n`);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
};

type WxEntry = typeof import('../../../sdk/src/adapters/wx');

/**
 * The SDK as the build bundled it (`lib/mallsync.js`), run in a realm holding only what a
 * mini-program has (no `URL`, `TextEncoder`, `crypto`, `WebSocket` or `fetch`), its `wx` a shim.
 */
export const bundledSdkInRealm = async (root: string) => {
  const realm = new RuntimeRealm();
  const shim = new MiniProgramShim('wx', realm.binaries);
  realm.provide({ wx: shim.api() });
  const file = path.join(root, 'lib', 'mallsync.js');
  const sdk = realm.loadCommonJs<WxEntry>(await readFile(file, 'utf8'), file);
  return { sdk, shim };
};
