import * as Y from 'yjs';

/** A shared type as a transaction lists it among those it changed. */
type ChangedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

/** The name under which `type`'s top-level ancestor is shared in `doc`. */
const rootName = (doc: Y.Doc, type: ChangedType): string => {
  let root = type;
  while (root._item) root = root._item.parent as typeof type;
  for (const [name, shared] of doc.share) if (shared === root) return name;
  return '';
};

/**
 * The top-level types `update` would change in `doc`, found by applying it to a throwaway copy:
 * a nested change is only attributable once its parent items are resolved against the state.
 */
export const touchedTypes = (doc: Y.Doc, update: Uint8Array): Set<string> => {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const touched = new Set<string>();
  probe.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) touched.add(rootName(probe, type));
  });
  Y.applyUpdate(probe, update);
  probe.destroy();
  return touched;
};
