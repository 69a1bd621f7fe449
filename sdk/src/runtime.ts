import type * as Y from 'yjs';
import type { OpenSocket } from './socket';

/** Small string values the SDK keeps between app starts (the session). */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Keeps one document on the device, so edits made offline survive an app restart. */
export interface DocPersistence {
  /** Resolves once what was stored is in the document. */
  readonly loaded: Promise<void>;
  /** Forgets what is stored (a logout). */
  clear(): Promise<void>;
  destroy(): void;
}

/** What one runtime (browser, Node, mini-program, uni-app, React Native) gives the SDK. */
export interface Runtime {
  openSocket: OpenSocket;
  fetch: typeof fetch;
  storage: KeyValueStore;
  /** Keeps `doc` on the device under `name`; absent: documents live in memory only. */
  persist?(name: string, doc: Y.Doc): DocPersistence;
  /**
   * The app went to the background / came back (a mini-program's network is cut ~5 s after
   * hiding), or in a browser the network went / came back: the SDK closes its sockets, then
   * reconnects at once.
   */
  onHide?(listener: () => void): () => void;
  onShow?(listener: () => void): () => void;
  /** Sockets this runtime allows at once (a mini-program: 5). */
  maxSockets: number;
}
