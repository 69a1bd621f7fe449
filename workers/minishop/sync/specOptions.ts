import type { SpecOption } from '../../../shared/api/productModel';
import type { SourceSku } from '../api/schemas/model';

/** The limits `shared/api/products.ts` puts on a product's options. */
const MAX_OPTIONS = 5;
const MAX_VALUES = 50;
const MAX_TEXT = 40;

const fits = (text: string) => text.trim().length > 0 && text.length <= MAX_TEXT;

/**
 * A product's spec options from its Mini-Shop SKUs' `sku_attrs`: each attribute key an option (in
 * the first SKU's order), its values in order of appearance, and each SKU's value of each. When
 * the SKUs do not name the same keys, or two name the same values, the product has no options
 * (each SKU keeps its attribute values as its name).
 */
export const specOptionsOf = (skus: SourceSku[]): { options: SpecOption[]; skuOptions: string[][] } => {
  const none = { options: [], skuOptions: skus.map(() => []) };
  const keys = skus[0]?.attrs.map((a) => a.key) ?? [];
  if (keys.length === 0 || keys.length > MAX_OPTIONS || new Set(keys).size !== keys.length) return none;
  const skuOptions: string[][] = [];
  for (const sku of skus) {
    const byKey = new Map(sku.attrs.map((a) => [a.key, a.value]));
    const values = keys.map((key) => byKey.get(key));
    if (sku.attrs.length !== keys.length || values.some((v) => v === undefined || !fits(v))) return none;
    skuOptions.push(values as string[]);
  }
  if (new Set(skuOptions.map((v) => JSON.stringify(v))).size !== skuOptions.length) return none;
  const options = keys.map((name, i) => ({ name, values: [...new Set(skuOptions.map((v) => v[i] as string))] }));
  if (options.some((o) => !fits(o.name) || o.values.length > MAX_VALUES)) return none;
  return { options, skuOptions };
};
