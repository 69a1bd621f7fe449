import type { NewProduct } from '../../../shared/api/products';
import type { SkuState } from '../../../shared/docs/sku';
import { call, UnexpectedAnswer } from './hubApi';
import type { Picture } from './pictures';
import { E2E_ADMIN_TOKEN, type WranglerDev } from './wranglerDev';

/** A category as the admin API answers it; the storefront tree nests `children`. */
export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  sort: number;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

/** What `POST /api/admin/images` answers: the picture's id (its hash), address and what was read of it. */
export interface StoredPicture {
  imageId: string;
  url: string;
  width?: number;
  height?: number;
  bytes: number;
  contentType: string;
}

/** A SKU as a product page shows it: its room's live state with its own name, values and picture. */
export type ProductPageSku = Pick<SkuState, 'skuId' | 'title' | 'price' | 'stock' | 'listed' | 'flash' | 'rev'> & {
  name: string;
  options: string[];
  imageUrl: string | null;
};

/** `GET /api/products/:id` (README, "Products"). */
export interface ProductPage {
  productId: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  images: Array<{ imageId: string; url: string }>;
  categoryIds: string[];
  options: Array<{ name: string; values: string[] }>;
  price: { min: number; max: number } | null;
  stock: number;
  skus: ProductPageSku[];
  /** The listing feed that keeps this page live (`catalog:<viewId>`). */
  feed: string;
}

/** One line of `GET /api/products`. */
export interface ListedProduct {
  productId: string;
  title: string;
  subtitle: string | null;
  imageUrl: string | null;
  price: { min: number; max: number } | null;
  stock: number;
}

/** `POST /api/admin/categories` as the operator. */
export const createCategory = (hub: WranglerDev, name: string, parentId?: string) =>
  call<Category>(hub, 'POST', '/api/admin/categories', 201, { admin: true, body: { name, parentId } });

/** `POST /api/admin/images` with the picture's bytes under its own Content-Type. */
export const uploadPicture = async (hub: WranglerDev, picture: Picture): Promise<StoredPicture> => {
  const response = await fetch(`${hub.httpUrl}/api/admin/images`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'Content-Type': picture.contentType },
    body: picture.bytes,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new UnexpectedAnswer(
      `POST /api/admin/images: expected 201, got ${response.status}: ${text}`,
      response.status,
    );
  }
  return JSON.parse(text) as StoredPicture;
};

/** `POST /api/admin/products`: the product as the back office reads it, every SKU with its state. */
export const createProduct = (hub: WranglerDev, product: NewProduct) =>
  call<ProductPage & { status: string }>(hub, 'POST', '/api/admin/products', 201, { admin: true, body: product });

/** `GET /api/categories`: the tree a storefront's navigation shows. */
export const categoryTree = async (hub: WranglerDev) =>
  (await call<{ categories: CategoryNode[] }>(hub, 'GET', '/api/categories', 200)).categories;

/** `GET /api/products?…` as an anonymous storefront: the first page, and the feed that keeps it live. */
export const listingPage = (hub: WranglerDev, query: Record<string, string>) =>
  call<{ products: ListedProduct[]; feed: string | null }>(
    hub,
    'GET',
    `/api/products?${new URLSearchParams(query)}`,
    200,
  );

/** The products of the first page of `GET /api/products?…`. */
export const listProducts = async (hub: WranglerDev, query: Record<string, string>) =>
  (await listingPage(hub, query)).products;

/** `GET /api/products/:id` as an anonymous storefront. */
export const productPage = (hub: WranglerDev, productId: string) =>
  call<ProductPage>(hub, 'GET', `/api/products/${productId}`, 200);
