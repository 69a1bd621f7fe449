import { ObservableV2 } from 'lib0/observable';
import { browserRuntime, createStorefront } from '../../sdk/src/adapters/browser';
import type { StorefrontEvents } from '../../sdk/src/events';
import { HubHttp } from '../../sdk/src/http';
import type { ListingAnswer, ProductPage } from '../../shared/api/productViews';
import { CHANNELS } from '../../shared/channels';
import { adminCall, currentStaff, signIn, signOut } from '../backOffice/staffSession';
import type { DemoDesk } from './desk';

/**
 * The demo page's desk in the browser. Its storefronts keep their sessions where the frames'
 * storefronts read theirs (`localStorage`, one per channel, same origin), so a login here shows in
 * the frame once it loads again. They start no guest session of their own.
 */
export const browserDesk = (): DemoDesk => {
  const http = new HubHttp(location.origin, (input, init) => fetch(input, init), new ObservableV2<StorefrontEvents>());
  const shops = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      createStorefront({ url: location.origin, channel, runtime: browserRuntime(), guest: false }),
    ]),
  ) as DemoDesk['shops'];
  addEventListener('pagehide', () => {
    for (const shop of Object.values(shops)) shop.close();
  });
  return {
    operator: currentStaff,
    signIn,
    signOut,
    admin: adminCall,
    products: async () => (await http.call<ListingAnswer>('GET', '/api/products?limit=50')).products,
    product: (productId) => http.call<ProductPage>('GET', `/api/products/${encodeURIComponent(productId)}`),
    completePayment: async (payUrl) => {
      await http.call('POST', new URL(payUrl, location.origin).pathname);
    },
    shops,
    now: () => performance.now(),
  };
};
