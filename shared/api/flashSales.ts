import { z } from 'zod';
import { CHANNELS } from '../channels';
import { ID_PATTERN } from '../rooms';
import { skuId } from './admin';
import { eachOnce } from './eachOnce';

/** A moment: epoch milliseconds, or an ISO 8601 time with its offset (`2026-11-24T20:00:00+08:00`). */
const instant = z.union([
  z.number().int().min(0),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

/** What operators call a sale in the back office ("Double 12 earbuds"). */
const saleName = z.string().trim().min(1).max(60);

export const newFlashSaleSchema = z
  .strictObject({
    name: saleName,
    skuIds: z.array(skuId).min(1).max(100).refine(eachOnce(), { message: 'each SKU once per sale' }),
    /** The flash price in fen. */
    price: z.number().int().min(1).max(10_000_000_000),
    startsAt: instant,
    endsAt: instant,
    channels: z.union([
      z.literal('all'),
      z.array(z.enum(CHANNELS)).min(1).refine(eachOnce(), { message: 'each channel once' }),
    ]),
    /** Units one member may order per SKU at the flash price, over all channels together. */
    perMemberLimit: z.number().int().min(1).max(999).optional(),
  })
  .refine((sale) => sale.endsAt > sale.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

/** `PATCH /api/admin/flash-sales/:saleId`: a new name, at any point of the sale's life. */
export const flashSalePatchSchema = z.strictObject({ name: saleName });

export const flashSaleIdParam = z.strictObject({ saleId: z.string().regex(ID_PATTERN, 'not a valid sale id') });

export type NewFlashSale = z.infer<typeof newFlashSaleSchema>;
export type FlashSalePatch = z.infer<typeof flashSalePatchSchema>;
