import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { Storefront } from '../../../sdk/src/index';
import { MiniProgramShim } from './miniProgramShim';
import { RuntimeRealm } from './runtimeRealm';
import { LIVE_WITHIN_MS, waitFor } from './wait';
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

type Simulated = ReturnType<typeof simulate.render>;
/** What `render` answers for a loaded page: its typings say a plain component, but it is the root one. */
type RenderedPage = Simulated & { attach(parent: Node): void; detach(): void };

/** The `wx` that miniprogram-simulate provides (selector queries, system info…), before a shim joins it. */
const simulatedWx = (globalThis as { wx?: object }).wx ?? {};
const scope = globalThis as Record<string, unknown>;

/** A node's text as the shopper reads it: each piece of text on its own, one space between them. */
const readable = (node: Simulated): string => {
  const pieces: string[] = [];
  const walker = document.createTreeWalker(node.dom ?? document.createElement('empty'), NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const piece = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (piece) pieces.push(piece);
  }
  return pieces.join(' ');
};

/** One page on screen, rendered by miniprogram-simulate from the built WXML. */
export class OpenPage {
  constructor(
    private readonly page: RenderedPage,
    private readonly onClose: (page: OpenPage) => void,
  ) {}

  /** What the shopper reads on the page now (its text, whitespace collapsed). */
  text(): string {
    return readable(this.page);
  }

  /** What each node `selector` matches reads. */
  textsOf(selector: string): string[] {
    return this.find(selector).map(readable);
  }

  /** Waits until what the page reads passes `accept` (it re-renders on every live change). */
  async until(accept: (text: string) => boolean, label: string, timeoutMs = LIVE_WITHIN_MS): Promise<void> {
    try {
      await waitFor(() => accept(this.text()), timeoutMs, label);
    } catch {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}; the page reads: ${this.text()}`);
    }
  }

  /** Waits until the page reads `text`. */
  shows(text: string, label = `"${text}" on the page`): Promise<void> {
    return this.until((read) => read.includes(text), label);
  }

  /** The nodes `selector` matches whose text contains `text` (every match without one). */
  find(selector: string, text?: string): Simulated[] {
    const nodes = this.page.querySelectorAll(selector) as Simulated[];
    return text === undefined ? nodes : nodes.filter((n) => readable(n).includes(text));
  }

  /** Taps the first node `selector` matches (holding `text`, if given), as the shopper's finger does. */
  tap(selector: string, text?: string): void {
    const node = this.find(selector, text)[0];
    if (!node) throw new Error(`nothing to tap at ${selector}${text ? ` reading "${text}"` : ''}: ${this.text()}`);
    node.dispatchEvent('tap');
  }

  /** The page instance, for the lifecycle WeChat itself calls (`onShareAppMessage`). */
  get instance(): Record<string, (...args: unknown[]) => unknown> {
    return this.page.instance as Record<string, (...args: unknown[]) => unknown>;
  }

  /** The shopper leaves the page: WeChat calls `onUnload`. */
  close(): void {
    this.instance.onUnload?.();
    this.page.detach();
    this.onClose(this);
  }
}

/**
 * The built mini-program running as WeChat runs it, one app at a time: `wx` is a
 * `MiniProgramShim` (sockets, requests, storage, login, the address picker, toasts, navigation),
 * `App`/`getApp` hold the app's one storefront, and pages are rendered by miniprogram-simulate
 * from the built files, `onLoad` called with the page's query as WeChat does.
 */
export class MiniProgramApp {
  private readonly pages = new Set<OpenPage>();

  private constructor(
    private readonly root: string,
    readonly shim: MiniProgramShim,
    readonly shop: Storefront,
  ) {}

  /** Starts the app in `root` (an installed copy): `app.js` creates the storefront. */
  static launch(root: string): MiniProgramApp {
    const shim = new MiniProgramShim('wx', { ArrayBuffer, Uint8Array });
    let app: { shop: Storefront } | null = null;
    scope.wx = { ...simulatedWx, ...shim.api() };
    scope.App = (definition: { shop: Storefront }) => {
      app = definition;
    };
    scope.getApp = () => app;
    const load = createRequire(path.join(root, 'app.js'));
    for (const file of ['app.js', 'config.js']) delete load.cache[path.join(root, file)];
    load(path.join(root, 'app.js'));
    const launched = app as { shop: Storefront } | null;
    if (!launched) throw new Error('app.js did not call App()');
    return new MiniProgramApp(root, shim, launched.shop);
  }

  /** Opens `page` (e.g. `pages/home/index`) with its query, as `wx.navigateTo` would. */
  open(page: string, query: Record<string, string> = {}): OpenPage {
    const id = simulate.load(path.join(this.root, page), { rootPath: this.root });
    const rendered = simulate.render(id) as RenderedPage;
    rendered.attach(document.createElement('parent-wrapper'));
    const open = new OpenPage(rendered, (closed) => this.pages.delete(closed));
    this.pages.add(open);
    (rendered.instance as { onLoad?: (q: Record<string, string>) => unknown }).onLoad?.(query);
    return open;
  }

  /** Waits until the app asked WeChat to go to `url`. */
  navigatedTo(url: string): Promise<void> {
    return waitFor(
      () => this.shim.navigations.includes(url),
      LIVE_WITHIN_MS,
      `a navigation to ${url} (asked for: ${this.shim.navigations.join(', ') || 'none'})`,
    );
  }

  /** Waits until a toast reading `title` was shown. */
  toasted(title: string): Promise<void> {
    return waitFor(
      () => this.shim.toasts.includes(title),
      LIVE_WITHIN_MS,
      `the toast "${title}" (shown: ${this.shim.toasts.join(', ') || 'none'})`,
    );
  }

  /** The app is killed: its pages unload, its sockets close. */
  destroy(): void {
    for (const page of [...this.pages]) page.close();
    this.shop.close();
    this.shim.dispose();
  }
}
