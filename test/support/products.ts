import { SELF } from 'cloudflare:test';
import type { ListedFlash, StoredImage } from '../../shared/api/productViews';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { ADMIN, admin } from './hub';

/**
 * A PNG of `width` × `height` as far as its header says, with `seed` making its bytes (and so its
 * hash) its own. The hub reads only the signature and the header; the rest is opaque to it.
 */
export const pngBytes = (width: number, height: number, seed: string): Uint8Array => {
  const header = new Uint8Array(24);
  header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(header.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  const body = new TextEncoder().encode(seed);
  const bytes = new Uint8Array(header.length + body.length);
  bytes.set(header);
  bytes.set(body, header.length);
  return bytes;
};

/** Uploads picture bytes through the admin API as `contentType`. */
export const postImage = (bytes: Uint8Array, contentType: string, headers: Record<string, string> = ADMIN) =>
  SELF.fetch('http://hub/api/admin/images', {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body: bytes,
  });

export const uploadImage = async (seed: string): Promise<StoredImage> => {
  const response = await postImage(pngBytes(800, 600, seed), 'image/png');
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return response.json();
};

export const newCategory = async (name: string, parentId?: string): Promise<{ id: string }> => {
  const response = await admin('POST', '/api/admin/categories', { name, parentId });
  if (response.status !== 201) throw new Error(`category failed: ${response.status} ${await response.text()}`);
  return response.json();
};

/** Creates a product through the admin API from a full body. */
export const newProduct = async (body: Record<string, unknown>): Promise<OperatorProduct> => {
  const response = await admin('POST', '/api/admin/products', body);
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
};

/** A listed product with one SKU per price, in `categoryIds`. */
export const productPriced = (title: string, prices: number[], extra: Record<string, unknown> = {}) =>
  newProduct({ title, skus: prices.map((price, i) => ({ title: `No. ${i}`, price, stock: 5 })), ...extra });

/** A storefront's GET, with no credentials. */
export const shopperGet = (path: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://hub${path}`, { headers });

export interface ListingItem {
  productId: string;
  title: string;
  imageUrl: string | null;
  price: { min: number; max: number } | null;
  stock: number;
  flash: ListedFlash | null;
  sales: number;
}

export interface ListingPage {
  products: ListingItem[];
  nextCursor: string | null;
}

/** A storefront listing, every page of it, following the cursor. */
export const everyPage = async (query: Record<string, string>, limit: number): Promise<ListingPage[]> => {
  const pages: ListingPage[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await shopperGet(`/api/products?${params}`);
    if (response.status !== 200) throw new Error(`listing failed: ${response.status} ${await response.text()}`);
    const page: ListingPage = await response.json();
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
};
