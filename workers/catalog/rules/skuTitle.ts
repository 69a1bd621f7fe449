/**
 * What a SKU room's `title` (and an order line) shows: the product's title followed by the SKU's
 * own name, so a renamed product renames every SKU with it.
 */
export const skuTitleOf = (productTitle: string, skuName: string): string =>
  (skuName === '' ? productTitle : `${productTitle} ${skuName}`).slice(0, 200);

/** A SKU's own name: the one given, or its option values. */
export const skuNameOf = (sku: { title?: string; options?: string[] }): string =>
  sku.title ?? (sku.options ?? []).join(' / ');
