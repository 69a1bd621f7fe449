// First: Yjs reads `crypto.getRandomValues` when it loads, and React Native has none until this polyfill runs.
import 'react-native-get-random-values';

export * from '../index';

import { memoryStorage } from '../memoryStorage';
import type { KeyValueStore, Runtime } from '../runtime';
import { type StandardWebSocket, standardSocket } from './standardSocket';

/** The shape of `@react-native-async-storage/async-storage` (and of any store like it). */
export interface AsyncStorageLike {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const asyncStore = (storage: AsyncStorageLike): KeyValueStore => ({
  get: (key) => storage.getItem(key),
  set: (key, value) => storage.setItem(key, value),
  remove: (key) => storage.removeItem(key),
});

/** React Native: the global `WebSocket` and `fetch`; the session in `storage` (AsyncStorage), in memory without it. */
export const reactNativeRuntime = (storage?: AsyncStorageLike, overrides: Partial<Runtime> = {}): Runtime => ({
  openSocket: standardSocket(globalThis.WebSocket as unknown as new (url: string) => StandardWebSocket),
  fetch: (input, init) => globalThis.fetch(input, init),
  storage: storage ? asyncStore(storage) : memoryStorage(),
  maxSockets: Number.POSITIVE_INFINITY,
  ...overrides,
});
