import { env, SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import type { SkuState } from '../../shared/docs/sku';

export const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };

/** Calls the hub's HTTP API as the operator (JSON in and out). */
export const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) =>
  SELF.fetch(`http://hub${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

export interface CreatedProduct {
  productId: string;
  title: string;
  skus: SkuState[];
}

/** A SKU of the admin answer as its room holds it (the answer adds the SKU's name, options and picture). */
const roomStateOf = ({
  skuId,
  productId,
  title,
  price,
  stock,
  listed,
  flash,
  sales,
  rev,
  changedAt,
}: SkuState): SkuState => ({
  skuId,
  productId,
  title,
  price,
  stock,
  listed,
  flash,
  sales,
  rev,
  changedAt,
});

/** Creates a product with `count` SKUs through the admin API. */
export const createProduct = async (count = 1, title = 'Test product'): Promise<CreatedProduct> => {
  const response = await admin('POST', '/api/admin/products', {
    title,
    skus: Array.from({ length: count }, (_, i) => ({ title: `Variant ${i}`, price: 1000 + i, stock: 10 + i })),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  const created = await response.json<CreatedProduct>();
  return { productId: created.productId, title: created.title, skus: created.skus.map(roomStateOf) };
};

export const firstSku = async (): Promise<SkuState> => {
  const sku = (await createProduct()).skus[0];
  if (!sku) throw new Error('no SKU created');
  return sku;
};

export const patchSku = async (skuId: string, patch: Record<string, unknown>): Promise<SkuState> => {
  const response = await admin('PATCH', `/api/admin/skus/${skuId}`, patch);
  if (response.status !== 200) throw new Error(`patch failed: ${response.status} ${await response.text()}`);
  return response.json();
};

/** An admin read that must succeed: its JSON. */
export const adminRead = async <Body>(path: string): Promise<Body> => {
  const response = await admin('GET', path);
  expect(response.status, path).toBe(200);
  return response.json<Body>();
};

/** The admin call refused with a 400 naming `field`. */
export const expectBadInput = async (path: string, field: string, method = 'GET', body?: unknown) => {
  const response = await admin(method, path, body);
  expect({ path, status: response.status }).toEqual({ path, status: 400 });
  expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
};
