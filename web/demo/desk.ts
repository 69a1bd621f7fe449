import type { Storefront } from '../../sdk/src/storefront';
import type { ListedProduct, ProductPage } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';

/**
 * What the demo page does in the browser (`web/demo/browserDesk.ts`): the operator's token and
 * calls, the catalog for the SKU picker, and one SDK storefront per channel for Emma's journey.
 * Null while the server renders the page, where nothing is live.
 */
export interface DemoDesk {
  storedToken(): string | null;
  keepToken(token: string): void;
  forgetToken(): void;
  /** The admin API with the operator's token; a refusal throws the SDK's `HubError`. */
  admin<T>(token: string, method: string, path: string, body?: unknown): Promise<T>;
  products(): Promise<ListedProduct[]>;
  product(productId: string): Promise<ProductPage>;
  completePayment(payUrl: string): Promise<void>;
  shops: Record<Channel, Storefront>;
  now(): number;
}
