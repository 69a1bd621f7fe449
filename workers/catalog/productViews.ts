import type { ListedFlash, ListedProduct, ProductPage } from '../../shared/api/productViews';
import type { SkuState } from '../../shared/docs/sku';
import type { Env } from '../env';
import { mediaUrl } from './images';
import type { ListingRow } from './records/productListing';
import type { ProductRecord, ProductSkuRecord } from './records/productReads';
import { skuRoomOf } from './SkuRoom';

/** A SKU with its live state from its room and what only D1 keeps (its name, option values, picture). */
export type ProductSku = SkuState & {
  name: string;
  options: string[];
  imageId: string | null;
  imageUrl: string | null;
};

/** Each SKU's state joined with what D1 keeps of it; SKUs with no state are left out. */
const withContent = (origin: string, skus: ProductSkuRecord[], states: Array<SkuState | null>): ProductSku[] =>
  skus.flatMap((s, i) => {
    const state = states[i];
    if (!state) return [];
    return [
      {
        ...state,
        name: s.name,
        options: s.options,
        imageId: s.imageId,
        imageUrl: s.imageId === null ? null : mediaUrl(origin, s.imageId),
      },
    ];
  });

/** Each SKU's live state, read from its own room as `GET /api/skus/:skuId` does. */
const liveSkus = async (env: Env, origin: string, skus: ProductSkuRecord[]): Promise<ProductSku[]> =>
  withContent(origin, skus, await Promise.all(skus.map((s) => skuRoomOf(env, s.skuId).current())));

const priceRange = (skus: Array<Pick<SkuState, 'price' | 'listed'>>) => {
  const prices = skus.filter((s) => s.listed).map((s) => s.price);
  return prices.length === 0 ? null : { min: Math.min(...prices), max: Math.max(...prices) };
};

const contentOf = (origin: string, record: ProductRecord) => ({
  productId: record.product.id,
  title: record.product.title,
  subtitle: record.product.subtitle,
  description: record.product.description,
  images: record.imageIds.map((imageId) => ({ imageId, url: mediaUrl(origin, imageId) })),
  categoryIds: record.categoryIds,
  options: record.product.options,
  attributes: record.product.attributes,
  sales: record.product.sales,
});

/** A product as the back office reads it (`operatorProductView`). */
export type OperatorProduct = Awaited<ReturnType<typeof operatorProductView>>;

/**
 * A product as the back office reads it: content, status and every current SKU live. A product
 * just created passes its SKUs' initial states, so no room is woken before a shopper opens it.
 */
export const operatorProductView = async (env: Env, origin: string, record: ProductRecord, initial?: SkuState[]) => {
  const skus = initial
    ? withContent(
        origin,
        record.skus,
        record.skus.map((s) => initial.find((state) => state.skuId === s.skuId) ?? null),
      )
    : await liveSkus(env, origin, record.skus);
  return {
    ...contentOf(origin, record),
    status: record.product.status,
    sortWeight: record.product.sortWeight,
    source: record.product.source,
    createdAt: record.product.createdAt,
    updatedAt: record.product.updatedAt,
    skus,
  };
};

/** A listed product as a storefront shows it: content, price range, and each SKU's live state. */
export const shopperProductView = async (env: Env, origin: string, record: ProductRecord): Promise<ProductPage> => {
  const skus = await liveSkus(env, origin, record.skus);
  return {
    ...contentOf(origin, record),
    price: priceRange(skus),
    stock: skus.filter((s) => s.listed).reduce((sum, s) => sum + s.stock, 0),
    skus: skus.map(({ skuId, title, name, options, imageUrl, price, stock, listed, flash, sales, rev }) => ({
      skuId,
      title,
      name,
      options,
      imageUrl,
      price,
      stock,
      listed,
      flash,
      sales,
      rev,
    })),
  };
};

/** What a listing shows of one product. */
export const listingItemOf = (
  origin: string,
  row: ListingRow,
  mainImage: string | undefined,
  flash: ListedFlash | undefined,
): ListedProduct => ({
  productId: row.id,
  title: row.title,
  subtitle: row.subtitle,
  imageUrl: mainImage === undefined ? null : mediaUrl(origin, mainImage),
  price: row.minPrice === null || row.maxPrice === null ? null : { min: row.minPrice, max: row.maxPrice },
  stock: row.stock,
  flash: flash ?? null,
  sales: row.sales,
});

/** What the back office list shows of one product: the shopper's line plus its status and origin. */
export const operatorListingItemOf = (
  origin: string,
  row: ListingRow,
  mainImage: string | undefined,
  flash: ListedFlash | undefined,
) => ({
  ...listingItemOf(origin, row, mainImage, flash),
  status: row.status,
  source: row.source,
  sortWeight: row.sortWeight,
  skuCount: row.skuCount,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
