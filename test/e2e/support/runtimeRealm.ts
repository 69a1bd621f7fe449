import path from 'node:path';
import vm from 'node:vm';
import { PROJECT_ROOT } from './wranglerDev';

/**
 * What every JavaScript runtime a storefront runs on has besides the language itself. Not
 * `URL`, `URLSearchParams` or `TextEncoder`: a mini-program may have none of them.
 */
const COMMON_GLOBALS = {
  console,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
};

/** Where a bundle leaves its entry's exports. */
const BUNDLE_GLOBAL = 'mallsyncSdk';

/** The binary types of a realm: what its code takes for an `ArrayBuffer` (`instanceof`). */
export interface RealmBinaries {
  ArrayBuffer: ArrayBufferConstructor;
  Uint8Array: Uint8ArrayConstructor;
}

/**
 * A JavaScript realm (`node:vm` context) holding only the language, the common globals above and
 * what a runtime adds (`wx`, `uni`, React Native's `WebSocket` and `fetch`): no `window`, no
 * `crypto`, no `WebSocket` or `fetch` unless given, so the SDK fails here if it touches one.
 */
export class RuntimeRealm {
  private readonly context = vm.createContext({ ...COMMON_GLOBALS });
  readonly binaries = vm.runInContext('({ ArrayBuffer, Uint8Array })', this.context) as RealmBinaries;

  provide(globals: Record<string, unknown>): void {
    Object.assign(this.context, globals);
  }

  /** Runs a bundle built by `bundleEntry` and answers what its entry exports. */
  load<Exports>(bundle: string, filename: string): Exports {
    new vm.Script(bundle, { filename }).runInContext(this.context);
    return (this.context as { [BUNDLE_GLOBAL]: Exports })[BUNDLE_GLOBAL];
  }

  /** Runs a CommonJS file that requires nothing (as a mini-program's `require` runs it) and answers its exports. */
  loadCommonJs<Exports>(source: string, filename: string): Exports {
    const run = new vm.Script(`(function (module, exports) {${source}\n})`, { filename }).runInContext(
      this.context,
    ) as (module: { exports: unknown }, exports: unknown) => void;
    const module = { exports: {} };
    run(module, module.exports);
    return module.exports as Exports;
  }
}

const bundles = new Map<string, Promise<string>>();

/**
 * One SDK entry point bundled with everything it imports (yjs, lib0, zod), as an app's bundler
 * ships it, into a script that leaves the entry's exports in one global. `alias` stands a test
 * module in for a package the runtime provides.
 */
export const bundleEntry = (entry: string, alias: Record<string, string> = {}): Promise<string> => {
  const key = JSON.stringify([entry, alias]);
  let bundle = bundles.get(key);
  if (!bundle) {
    // esbuild is loaded only to bundle: it refuses to load under the jsdom environment, whose
    // Uint8Array is not Node's (test/e2e/miniProgram.e2e.test.ts loads this file without bundling).
    bundle = import('esbuild')
      .then(({ build }) =>
        build({
          absWorkingDir: PROJECT_ROOT,
          entryPoints: [path.join(PROJECT_ROOT, entry)],
          bundle: true,
          format: 'iife',
          globalName: BUNDLE_GLOBAL,
          platform: 'browser',
          target: 'es2020',
          alias,
          write: false,
          logLevel: 'warning',
        }),
      )
      .then((result) => result.outputFiles[0]?.text ?? '');
    bundles.set(key, bundle);
  }
  return bundle;
};
