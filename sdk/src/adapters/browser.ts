export * from '../index';

import type { KeyValueStore, Runtime } from '../runtime';
import { type StandardWebSocket, standardSocket } from './standardSocket';

/** `localStorage`, for the session's few bytes. */
const localStore = (): KeyValueStore => ({
  get: async (key) => globalThis.localStorage.getItem(key),
  set: async (key, value) => globalThis.localStorage.setItem(key, value),
  remove: async (key) => globalThis.localStorage.removeItem(key),
});

/** Browsers (PC and H5): the global `WebSocket` and `fetch`, the session in `localStorage`. */
export const browserRuntime = (overrides: Partial<Runtime> = {}): Runtime => ({
  openSocket: standardSocket(globalThis.WebSocket as unknown as new (url: string) => StandardWebSocket),
  fetch: (input, init) => globalThis.fetch(input, init),
  storage: localStore(),
  maxSockets: Number.POSITIVE_INFINITY,
  ...overrides,
});
