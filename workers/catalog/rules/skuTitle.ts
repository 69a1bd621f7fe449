/**
 * What a SKU room's `title` (and an order line) shows: the product's title followed by the SKU's
 * own name, so a renamed product renames every SKU with it.
 */
export const skuTitleOf = (productTitle: string, skuName: string): string =>
  (skuName === '' ? productTitle : `${productTitle} ${skuName}`).slice(0, 200);

/** A SKU's own name: the one given, or its option values. */
export const skuNameOf = (sku: { title?: string; options?: string[] }): string =>
  sku.title ?? (sku.options ?? []).join(' / ');

/** A SKU's name once its option values become `options`: the new values when it was named by its old ones. */
export const followingName = (sku: { name: string; options: string[] }, options: string[]): string =>
  sku.name === sku.options.join(' / ') ? options.join(' / ') : sku.name;
