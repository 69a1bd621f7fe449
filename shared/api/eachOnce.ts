/**
 * A zod refinement for lists where each item (or each item's `key`) may appear only once, so
 * every such rule reads the same: `.refine(eachOnce((e) => e.skuId), { message })`.
 */
export const eachOnce =
  <T>(key: (item: T) => unknown = (item) => item) =>
  (items: T[]): boolean =>
    new Set(items.map(key)).size === items.length;
