import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { DocPersistence } from '../runtime';

/** One IndexedDB database per document, named apart from the app's own databases. */
const DATABASE_PREFIX = 'mallsync.';

/** Keeps `doc` in the browser's IndexedDB (`y-indexeddb`): an update log, folded into a snapshot as it grows. */
export const indexedDbPersistence = (name: string, doc: Y.Doc): DocPersistence => {
  const stored = new IndexeddbPersistence(`${DATABASE_PREFIX}${name}`, doc);
  return {
    loaded: stored.whenSynced.then(() => undefined),
    clear: () => stored.clearData(),
    destroy: () => void stored.destroy(),
  };
};
