import * as Y from 'yjs';
import type { DocPersistence, KeyValueStore } from '../runtime';
import { fromBase64, toBase64 } from './base64';

/**
 * Keeps each document in the runtime's key-value storage (`mallsync.doc.<name>`: its encoded Yjs
 * state in base64), for runtimes without IndexedDB. Written after each change, the changes of one
 * tick together; loaded into the document before `loaded` resolves.
 */
export const storedDocs =
  (storage: KeyValueStore) =>
  (name: string, doc: Y.Doc): DocPersistence => {
    const key = `mallsync.doc.${name}`;
    const origin = { storedDocs: key };
    let pending = false;
    let stopped = false;
    let written: Promise<void> = Promise.resolve();
    const write = () => {
      if (!pending) return;
      pending = false;
      written = storage.set(key, toBase64(Y.encodeStateAsUpdate(doc)));
    };
    const onUpdate = (_update: Uint8Array, from: unknown) => {
      if (from === origin || pending || stopped) return;
      pending = true;
      void Promise.resolve().then(write);
    };
    doc.on('update', onUpdate);
    const loaded = storage.get(key).then((stored) => {
      if (stored && !stopped) Y.applyUpdate(doc, fromBase64(stored), origin);
    });
    return {
      loaded,
      // After the last write has landed, so a logout's clear is not undone by it.
      clear: async () => {
        pending = false;
        stopped = true;
        await written;
        await storage.remove(key);
      },
      destroy: () => {
        write();
        stopped = true;
        doc.off('update', onUpdate);
      },
    };
  };
