import { createRequire } from 'node:module';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { Storefront } from '../../../sdk/src/index';
import { OpenPage, type RenderedPage } from './miniProgramPage';
import { MiniProgramShim } from './miniProgramShim';
import { LIVE_WITHIN_MS, waitFor } from './wait';

/** The `wx` that miniprogram-simulate provides (selector queries, system info…), before a shim joins it. */
const simulatedWx = (globalThis as { wx?: object }).wx ?? {};
const scope = globalThis as Record<string, unknown>;

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
    // The pages run in this realm (Node's require), so the socket frames are its own ArrayBuffers.
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
