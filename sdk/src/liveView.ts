import type * as Y from 'yjs';

/** A value that changes while a page shows it: read it now, or hear each new one. */
export interface LiveView<T> {
  get(): T;
  /** Calls `listener` with each new value; answers the function that stops it. */
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * A live view over some source: `read` computes the value (cached until `changed` is called), and
 * `watch` starts listening to the source while anyone subscribes (answering how to stop).
 */
export const liveView = <T>(read: () => T, watch: (changed: () => void) => () => void): LiveView<T> => {
  const listeners = new Set<(value: T) => void>();
  let cached: { value: T } | null = null;
  let unwatch: (() => void) | null = null;
  const changed = () => {
    cached = null;
    if (listeners.size === 0) return;
    const value = get();
    for (const listener of [...listeners]) listener(value);
  };
  // Cached only while watched: without listeners nothing says when the source changes.
  const get = () => {
    if (!unwatch) return read();
    cached ??= { value: read() };
    return cached.value;
  };
  return {
    get,
    subscribe(listener) {
      listeners.add(listener);
      unwatch ??= watch(changed);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !unwatch) return;
        unwatch();
        unwatch = null;
        cached = null;
      };
    },
  };
};

/** A live view of what `read` computes from a document, recomputed after each of its changes. */
export const docView = <T>(doc: Y.Doc, read: () => T): LiveView<T> =>
  liveView(read, (changed) => {
    doc.on('afterTransaction', changed);
    return () => doc.off('afterTransaction', changed);
  });
