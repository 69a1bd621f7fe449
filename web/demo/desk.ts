import type { Storefront } from '../../sdk/src/storefront';
import type { ListedProduct, ProductPage } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';
import type { SignedInStaff } from '../backOffice/staffSession';

/**
 * What the demo page does in the browser (`web/demo/browserDesk.ts`): the operator's staff session
 * and calls, the catalog for the SKU picker, and one SDK storefront per channel for Emma's journey.
 * Null while the server renders the page, where nothing is live.
 */
export interface DemoDesk {
  /** The staff member the session cookie signs in, or null. */
  operator(): Promise<SignedInStaff | null>;
  /** Signs in; throws with what to show under the form. */
  signIn(login: string, password: string): Promise<SignedInStaff>;
  signOut(): Promise<void>;
  /** The admin API with the session cookie; a refusal throws the SDK's `HubError`, an ended session `SessionEnded`. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  products(): Promise<ListedProduct[]>;
  product(productId: string): Promise<ProductPage>;
  completePayment(payUrl: string): Promise<void>;
  shops: Record<Channel, Storefront>;
  now(): number;
}
