import { z } from 'zod';
import { ID_PATTERN } from '../rooms';
import { eachOnce } from './eachOnce';

/** Fen: whole numbers only, up to 100 million yuan. */
export const price = z.number().int().min(0).max(10_000_000_000);
export const stock = z.number().int().min(0).max(100_000_000);
export const title = z.string().trim().min(1).max(200);
export const skuId = z.string().regex(ID_PATTERN, 'not a valid SKU id');

const skuPatchFields = z.strictObject({
  price: price.optional(),
  stock: stock.optional(),
  listed: z.boolean().optional(),
});
const changesSomething = (p: z.infer<typeof skuPatchFields>) =>
  p.price !== undefined || p.stock !== undefined || p.listed !== undefined;
const nothingToChange = { message: 'give at least one of price, stock, listed' };

export const skuPatchSchema = skuPatchFields.refine(changesSomething, nothingToChange);

export const skuBatchSchema = z.strictObject({
  edits: z
    .array(skuPatchFields.extend({ skuId }).refine(changesSomething, nothingToChange))
    .min(1)
    .max(100)
    .refine(
      eachOnce((e: { skuId: string }) => e.skuId),
      {
        message: 'each SKU may appear once per batch',
      },
    ),
});

export type SkuPatch = z.infer<typeof skuPatchSchema>;
export type SkuBatch = z.infer<typeof skuBatchSchema>;
