/** Shoppers see `listed` products only; `warehouse`: kept for sale later; `draft`: still being written. */
export const PRODUCT_STATUSES = ['draft', 'listed', 'warehouse'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** One spec option of a product, e.g. Colour: White, Black. Each SKU names one of its values. */
export interface SpecOption {
  name: string;
  values: string[];
}

/** One product attribute, e.g. 品牌: 晨光: facts about the product as a whole, not a choice between SKUs. */
export interface ProductAttribute {
  key: string;
  value: string;
}

export const PRODUCT_SOURCES = ['mall', 'minishop'] as const;
export type ProductSource = (typeof PRODUCT_SOURCES)[number];
