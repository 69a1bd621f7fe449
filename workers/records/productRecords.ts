import { products, skus, syncEvents } from '../../schema';
import type { NewProduct } from '../../shared/api/admin';
import type { SkuState } from '../../shared/docs/sku';
import { chunks } from './chunks';
import type { Database } from './db';
import { newId } from './ids';

/** D1 binds at most 100 parameters per statement; a SKU row binds 9. */
const SKU_ROWS_PER_INSERT = 11;

/** Creates a product and its SKUs (rev 1) in one D1 batch; returns the SKUs' initial state. */
export const insertProduct = async (
  db: Database,
  input: NewProduct,
): Promise<{ productId: string; title: string; skus: SkuState[] }> => {
  const now = Date.now();
  const productId = newId('prd');
  const created: SkuState[] = input.skus.map((s) => ({
    skuId: newId('sku'),
    productId,
    title: s.title,
    price: s.price,
    stock: s.stock,
    listed: s.listed ?? true,
    flash: null,
    rev: 1,
    changedAt: now,
  }));
  await db.batch([
    db.insert(products).values({ id: productId, title: input.title, createdAt: now, updatedAt: now }),
    ...chunks(created, SKU_ROWS_PER_INSERT).map((rows) =>
      db.insert(skus).values(
        rows.map((s) => ({
          id: s.skuId,
          productId,
          title: s.title,
          price: s.price,
          stock: s.stock,
          listed: s.listed,
          rev: s.rev,
          changedAt: now,
          createdAt: now,
        })),
      ),
    ),
    db.insert(syncEvents).values({
      at: now,
      kind: 'product.created',
      subject: `product:${productId}`,
      source: 'admin',
      detail: { skus: created.map((s) => s.skuId) },
    }),
  ]);
  return { productId, title: input.title, skus: created };
};
