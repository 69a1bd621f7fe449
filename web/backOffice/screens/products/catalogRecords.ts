import { HubError } from '../../../../sdk/src/http';
import type { CategoryNode } from '../../../../shared/api/categories';
import type { ProductSource, ProductStatus } from '../../../../shared/api/productModel';
import type {
  ProductPage,
  ListedProduct as ShopperListedProduct,
  StoredImage,
} from '../../../../shared/api/productViews';
import type { SkuState } from '../../../../shared/docs/sku';
import { adminCall } from '../../staffSession';

/** One product of the back office list (`GET /api/admin/products`, `operatorListingItemOf`). */
export type ListedProduct = ShopperListedProduct & {
  status: ProductStatus;
  source: ProductSource;
  skuCount: number;
};

/** A SKU as the back office reads it: its live state and what D1 keeps of it. */
export type ProductSku = SkuState & {
  name: string;
  options: string[];
  imageId: string | null;
  imageUrl: string | null;
};

/** A product as `GET /api/admin/products/:id` answers it (`operatorProductView` in workers/catalog/productViews.ts). */
export type OperatorProduct = Omit<ProductPage, 'price' | 'stock' | 'skus'> & {
  status: ProductStatus;
  source: ProductSource;
  sortWeight: number;
  createdAt: number;
  updatedAt: number;
  skus: ProductSku[];
};

export interface ProductFilter {
  q?: string;
  categoryId?: string;
  status?: string;
  cursor?: string;
  /** Products a page shows (the hub takes 1 to 50). */
  limit?: string;
}

/** How many products a page may show, each with its SKUs; the first is the default. */
export const PAGE_SIZES = ['10', '20', '50'] as const;

/**
 * One page of products with every SKU of each: the list answers a product's price range, and its
 * SKUs (price and stock edited in place) come from the product's own read.
 */
export const productPage = async (filter: ProductFilter) => {
  const query = new URLSearchParams(
    Object.entries({ limit: PAGE_SIZES[0], ...filter }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const page = await adminCall<{ products: ListedProduct[]; nextCursor: string | null }>(
    'GET',
    `/api/admin/products?${query}`,
  );
  const products = await Promise.all(
    page.products.map((p) => adminCall<OperatorProduct>('GET', `/api/admin/products/${p.productId}`)),
  );
  return { products, nextCursor: page.nextCursor };
};

/** Each category by id, named with its trail (`Home › Kitchen`), in the tree's order. */
export const categoryChoices = async (): Promise<Array<{ id: string; name: string }>> => {
  const { categories } = await adminCall<{ categories: CategoryNode[] }>('GET', '/api/admin/categories');
  const flat: Array<{ id: string; name: string }> = [];
  const walk = (nodes: CategoryNode[], trail: string) => {
    for (const node of nodes) {
      const name = trail ? `${trail} › ${node.name}` : node.name;
      flat.push({ id: node.id, name });
      walk(node.children, name);
    }
  };
  walk(categories, '');
  return flat;
};

/**
 * `POST /api/admin/images`: the file's bytes as the body, its type as Content-Type (the hub
 * checks both, `workers/catalog/routes/adminImages.ts`); a refusal throws the SDK's `HubError`.
 */
export const uploadImage = async (file: File): Promise<StoredImage> => {
  const response = await fetch('/api/admin/images', {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as StoredImage & {
    error?: { code?: string; message?: string; field?: string };
  };
  if (!response.ok) {
    throw new HubError(
      response.status,
      body.error?.code ?? 'error',
      body.error?.message ?? `HTTP ${response.status}`,
      'images',
    );
  }
  return body;
};

/** A whole number as typed; what is not one goes to the hub as is, to be refused on its field. */
export const countOf = (typed: string): number => (typed.trim() === '' ? Number.NaN : Number(typed));
