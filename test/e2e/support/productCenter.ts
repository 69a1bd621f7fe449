import type { CategoryNode } from '../../../shared/api/categories';
import type { NewProduct } from '../../../shared/api/products';
import type { ListedProduct, ProductPage as ProductPageAnswer, StoredImage } from '../../../shared/api/productViews';
import { call, UnexpectedAnswer } from './hubApi';
import type { Picture } from './pictures';
import { E2E_ADMIN_TOKEN, type WranglerDev } from './wranglerDev';

/** A category as the admin API answers it; the storefront tree nests `children`. */
export type Category = Omit<CategoryNode, 'children'>;
export type { CategoryNode, ListedProduct };
/** What `POST /api/admin/images` answers. */
export type StoredPicture = StoredImage;
/** `GET /api/products/:id` (README, "Products"), with the listing feed that keeps it live. */
export type ProductPage = ProductPageAnswer & { feed: string };

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
