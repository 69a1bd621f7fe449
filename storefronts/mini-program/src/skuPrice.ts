import type { ProductPageSku } from '../../../shared/api/productViews';
import { flashSaleFor } from '../../../shared/docs/sku';

/** The flash sale a SKU is in now on the mini-program, if any (orders here pay its price). */
export const runningFlash = (sku: ProductPageSku | null | undefined, now = Date.now()) =>
  sku ? flashSaleFor(sku, 'mini', now) : null;

/** What one unit costs the shopper now, in fen. */
export const unitPrice = (sku: ProductPageSku, now = Date.now()): number => runningFlash(sku, now)?.price ?? sku.price;

export const buyable = (sku: ProductPageSku): boolean => sku.listed && sku.stock > 0;
