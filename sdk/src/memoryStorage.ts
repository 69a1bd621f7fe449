import type { KeyValueStore } from './runtime';

/** Storage that lasts as long as the process (Node, tests). */
export const memoryStorage = (): KeyValueStore => {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value);
    },
    remove: async (key) => {
      values.delete(key);
    },
  };
};
