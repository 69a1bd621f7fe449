import { APP_SCOPE, APP_SHELL } from './shell';

/**
 * The App's service worker (scope `/app/`, built to `dist/web/app/sw.js` by `scripts/buildWeb.ts`):
 * keeps the offline shell from install on, and answers pages network-first, so a shopper online
 * sees the live page and one offline sees the last copy of it, or the App's home. The cart and
 * orders then come from IndexedDB through the SDK's browser runtime (`sdk/src/adapters/browser.ts`).
 *
 * The worker globals are typed here by hand: the web code is checked with the DOM library, which
 * cannot be combined with the webworker one.
 */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const CACHE = 'mallsync-app-shell-v1';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...APP_SHELL]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

/** The live answer, kept for the next time there is no network; the kept one when there is none now. */
const networkFirst = async (request: Request, fallback: string | null): Promise<Response> => {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = (await cache.match(request, { ignoreSearch: true })) ?? (fallback && (await cache.match(fallback)));
    if (kept) return kept;
    throw error;
  }
};

const SHELL_PATHS = new Set(APP_SHELL);

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith(APP_SCOPE)) {
    event.respondWith(networkFirst(request, APP_SCOPE));
  } else if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(networkFirst(request, null));
  }
});
