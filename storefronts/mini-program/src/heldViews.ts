/**
 * What a page holds open while it shows (subscriptions, live feeds), by name: holding a name again
 * closes what it held before (a new category's listing replaces the last one), and unloading
 * closes everything. A page that unloads before its `onLoad` finished closes what arrives later.
 */
const held = new WeakMap<object, Map<string, Array<() => void>>>();
const gone = new WeakSet<object>();

const closeAll = (closers: Array<() => void> | undefined) => {
  for (const close of closers ?? []) close();
};

export const hold = (page: object, name: string, ...closers: Array<() => void>): void => {
  if (gone.has(page)) {
    closeAll(closers);
    return;
  }
  const names = held.get(page) ?? new Map<string, Array<() => void>>();
  held.set(page, names);
  closeAll(names.get(name));
  names.set(name, closers);
};

export const release = (page: object): void => {
  gone.add(page);
  for (const closers of held.get(page)?.values() ?? []) closeAll(closers);
  held.delete(page);
};
