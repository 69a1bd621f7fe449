import type { Storefront } from '../../sdk/src/storefront';

/**
 * A read the SDK has no live view for (an order list's lines, the member's identities, a SKU's
 * product, the pickup points), sent with the session's token when there is one.
 */
export const hubRead = async <T>(storefront: Storefront, path: string): Promise<T> => {
  const token = storefront.auth.session.get()?.token;
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
};
