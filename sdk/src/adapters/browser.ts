export * from '../index';

import type { KeyValueStore, Runtime } from '../runtime';
import { indexedDbPersistence } from './indexedDbPersistence';
import { type StandardWebSocket, standardSocket } from './standardSocket';

/** `localStorage`, for the session's few bytes. */
const localStore = (): KeyValueStore => ({
  get: async (key) => globalThis.localStorage.getItem(key),
  set: async (key, value) => globalThis.localStorage.setItem(key, value),
  remove: async (key) => globalThis.localStorage.removeItem(key),
});

/**
 * The browser's word that the network went (or came back). A socket on a dead network can look
 * open until the keep-alive gives up (`connection.ts`, up to a minute): on `offline` the SDK
 * closes its sockets at once, so edits are kept and said to be (`offline`), and on `online` it
 * reconnects and resyncs without waiting out a backoff.
 */
const networkEvent =
  (name: 'offline' | 'online') =>
  (listener: () => void): (() => void) => {
    globalThis.addEventListener(name, listener);
    return () => globalThis.removeEventListener(name, listener);
  };

/**
 * Browsers (PC and H5): the global `WebSocket` and `fetch`, the session in `localStorage`, the
 * member's documents in IndexedDB (so a cart edited offline survives a reload).
 */
export const browserRuntime = (overrides: Partial<Runtime> = {}): Runtime => ({
  openSocket: standardSocket(globalThis.WebSocket as unknown as new (url: string) => StandardWebSocket),
  fetch: (input, init) => globalThis.fetch(input, init),
  storage: localStore(),
  persist: indexedDbPersistence,
  onHide: networkEvent('offline'),
  onShow: networkEvent('online'),
  maxSockets: Number.POSITIVE_INFINITY,
  ...overrides,
});
