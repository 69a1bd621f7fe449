import { z } from 'zod';
import { ID_PATTERN } from '../rooms';
import { price, skuId, stock, title } from './admin';
import { eachOnce } from './eachOnce';
import { PRODUCT_SOURCES, PRODUCT_STATUSES } from './productModel';

/** An image is named by the SHA-256 of its bytes, in hex. */
export const imageId = z.string().regex(/^[0-9a-f]{64}$/, 'not an image id');
export const productId = z.string().regex(ID_PATTERN, 'not a valid product id');
export const categoryId = z.string().regex(ID_PATTERN, 'not a valid category id');

const optionText = z.string().trim().min(1).max(40);
const specOption = z.strictObject({
  name: optionText,
  values: z.array(optionText).min(1).max(50).refine(eachOnce(), { message: 'each value may appear once' }),
});
const options = z
  .array(specOption)
  .max(5)
  .refine(
    eachOnce((o: { name: string }) => o.name),
    { message: 'each option name may appear once' },
  );

/** At most 30 attributes, each a trimmed key (≤ 40) and value (≤ 200). */
export const MAX_ATTRIBUTES = 30;
export const ATTRIBUTE_KEY_MAX = 40;
export const ATTRIBUTE_VALUE_MAX = 200;
export const productAttributes = z
  .array(
    z.strictObject({
      key: z.string().trim().min(1).max(ATTRIBUTE_KEY_MAX),
      value: z.string().trim().min(1).max(ATTRIBUTE_VALUE_MAX),
    }),
  )
  .max(MAX_ATTRIBUTES);

export const subtitle = z.string().trim().max(200);
/** Rich text HTML, sanitized before it is stored (`workers/catalog/rules/richText.ts`). */
export const description = z.string().max(100_000);
export const productImages = z.array(imageId).max(30);
export const productCategoryIds = z.array(categoryId).max(10).refine(eachOnce(), { message: 'each category once' });
export const productStatus = z.enum(PRODUCT_STATUSES);
export const sortWeight = z.number().int().min(-1_000_000).max(1_000_000);

export const newSkuSchema = z.strictObject({
  /** The SKU's own name (shown after the product's title); by default its option values. */
  title: title.optional(),
  options: z.array(optionText).max(5).optional(),
  price,
  stock,
  listed: z.boolean().optional(),
  imageId: imageId.optional(),
});

type NewSkuInput = z.infer<typeof newSkuSchema>;
type OptionsInput = z.infer<typeof options>;

/** Where a SKU's option values break the product's options: the issue's path and message, or null. */
export const skuOptionProblem = (
  optionList: OptionsInput,
  sku: Pick<NewSkuInput, 'options'>,
): { path: Array<string | number>; message: string } | null => {
  const values = sku.options ?? [];
  if (values.length !== optionList.length) {
    return { path: ['options'], message: `name one value of each option (${optionList.length})` };
  }
  const wrong = values.findIndex((v, i) => !optionList[i]?.values.includes(v));
  if (wrong >= 0) return { path: ['options', wrong], message: `not a value of ${optionList[wrong]?.name}` };
  return null;
};

export const newProductSchema = z
  .strictObject({
    title,
    subtitle: subtitle.optional(),
    description: description.optional(),
    images: productImages.optional(),
    categoryIds: productCategoryIds.optional(),
    options: options.optional(),
    attributes: productAttributes.optional(),
    status: productStatus.optional(),
    sortWeight: sortWeight.optional(),
    skus: z.array(newSkuSchema).min(1).max(100),
  })
  .superRefine((product, context) => {
    const seen = new Set<string>();
    product.skus.forEach((sku, i) => {
      const problem = skuOptionProblem(product.options ?? [], sku);
      if (problem) context.addIssue({ code: 'custom', path: ['skus', i, ...problem.path], message: problem.message });
      const combination = JSON.stringify(sku.options ?? []);
      if ((product.options ?? []).length > 0 && seen.has(combination)) {
        context.addIssue({ code: 'custom', path: ['skus', i, 'options'], message: 'another SKU has these values' });
      }
      seen.add(combination);
    });
  });

export const productPatchSchema = z
  .strictObject({
    title: title.optional(),
    subtitle: subtitle.optional(),
    description: description.optional(),
    images: productImages.optional(),
    categoryIds: productCategoryIds.optional(),
    attributes: productAttributes.optional(),
    status: productStatus.optional(),
    sortWeight: sortWeight.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'give at least one field' });

/**
 * A SKU's name, picture, listing or option values (one of each of the product's options, in
 * their order); price and stock go through `PATCH /api/admin/skus/:skuId`.
 */
export const skuContentPatchSchema = z
  .strictObject({
    title: title.optional(),
    imageId: imageId.nullable().optional(),
    listed: z.boolean().optional(),
    options: z.array(optionText).max(5).optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'give at least one field' });

/** A value of an option as the operator edits it: kept or added by its name, or renamed from `was`. */
const valueEdit = z.union([optionText, z.strictObject({ name: optionText, was: optionText })]);
const valueNameOf = (v: z.infer<typeof valueEdit>) => (typeof v === 'string' ? v : v.name);

/** An option as the operator edits it: the current one named `was` (else by its name) or a new one. */
const optionEdit = z
  .strictObject({ name: optionText, was: optionText.optional(), values: z.array(valueEdit).min(1).max(50) })
  .superRefine((option, context) => {
    const seen = new Set<string>();
    const renamed = new Set<string>();
    option.values.forEach((value, i) => {
      const name = valueNameOf(value);
      if (seen.has(name))
        context.addIssue({ code: 'custom', path: ['values', i], message: 'each value may appear once' });
      seen.add(name);
      if (typeof value === 'string') return;
      if (renamed.has(value.was)) {
        context.addIssue({ code: 'custom', path: ['values', i, 'was'], message: 'each value may be renamed once' });
      }
      renamed.add(value.was);
    });
  });

/**
 * `PUT /api/admin/products/:productId/options`: the product's whole option list as it is to be,
 * and, for SKUs whose values the change leaves open (a new option, a value removed), their values
 * by option name.
 */
export const productOptionsSchema = z.strictObject({
  options: z
    .array(optionEdit)
    .max(5)
    .refine(
      eachOnce((o: { name: string }) => o.name),
      { message: 'each option name may appear once' },
    ),
  skus: z.record(skuId, z.record(z.string().min(1).max(40), optionText)).optional(),
});

export const PRODUCT_SORTS = ['weight', 'newest', 'price_asc', 'price_desc', 'sales'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const pageSize = z.coerce.number().int().min(1).max(50).optional();
const searchText = z.string().trim().min(1).max(50);
const cursor = z.string().min(1).max(500);

export const productListQuery = z.strictObject({
  q: searchText.optional(),
  categoryId: categoryId.optional(),
  sort: z.enum(PRODUCT_SORTS).optional(),
  cursor: cursor.optional(),
  limit: pageSize,
});

export const adminProductListQuery = z.strictObject({
  q: searchText.optional(),
  categoryId: categoryId.optional(),
  status: productStatus.optional(),
  source: z.enum(PRODUCT_SOURCES).optional(),
  cursor: cursor.optional(),
  limit: pageSize,
});

export type NewProduct = z.infer<typeof newProductSchema>;
export type NewSku = z.infer<typeof newSkuSchema>;
export type ProductPatch = z.infer<typeof productPatchSchema>;
export type SkuContentPatch = z.infer<typeof skuContentPatchSchema>;
export type ProductOptionsEdit = z.infer<typeof productOptionsSchema>;
export type ProductListQuery = z.infer<typeof productListQuery>;
export type AdminProductListQuery = z.infer<typeof adminProductListQuery>;
