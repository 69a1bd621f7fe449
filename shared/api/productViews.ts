import type { FlashSale, SkuState } from '../docs/sku';
import type { ProductAttribute, SpecOption } from './productModel';

/** A price range in fen over the SKUs shoppers can buy. */
export interface PriceRange {
  min: number;
  max: number;
}

/** A flash sale as a listing shows it: a storefront shows it only on the channels named. */
export type ListedFlash = Pick<FlashSale, 'price' | 'startsAt' | 'endsAt' | 'channels'>;

/** One product of a storefront listing (`GET /api/products`). */
export interface ListedProduct {
  productId: string;
  title: string;
  subtitle: string;
  imageUrl: string | null;
  price: PriceRange | null;
  stock: number;
  /** The lowest-priced flash sale running on one of its SKUs, and the channels whose orders get it. */
  flash: ListedFlash | null;
  sales: number;
}

/** One SKU on a product page, its state live from its room. */
export type ProductPageSku = Pick<
  SkuState,
  'skuId' | 'title' | 'price' | 'stock' | 'listed' | 'flash' | 'sales' | 'rev'
> & {
  name: string;
  options: string[];
  imageUrl: string | null;
};

/** A product page (`GET /api/products/:id`). */
export interface ProductPage {
  productId: string;
  title: string;
  subtitle: string;
  description: string;
  images: Array<{ imageId: string; url: string }>;
  categoryIds: string[];
  options: SpecOption[];
  attributes: ProductAttribute[];
  sales: number;
  price: PriceRange | null;
  stock: number;
  skus: ProductPageSku[];
}

/** An uploaded picture as the admin API answers it (`POST /api/admin/images`). */
export interface StoredImage {
  imageId: string;
  url: string;
  width?: number;
  height?: number;
  bytes: number;
  contentType: string;
}

/** A listing as `GET /api/products` answers it: the page, the next page's cursor, its live feed. */
export interface ListingAnswer {
  products: ListedProduct[];
  nextCursor: string | null;
  /** The `catalog:<viewId>` room of these products; null for an empty page. */
  feed: string | null;
}

/** A product page as `GET /api/products/:id` answers it, with the feed room that keeps it live. */
export type ProductAnswer = ProductPage & { feed: string };
