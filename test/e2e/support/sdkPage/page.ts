/**
 * The SDK test page's script (bundled with the SDK's browser entry point by `sdkPage.ts`): a
 * storefront on this origin's hub that lists the cart and favorites, with a phone login form.
 * The test drives edits through `window.shop` and hears refusals through `reportRefusal`, a
 * function the test exposes (it outlives reloads, which this page's own state does not).
 */

import {
  browserRuntime,
  type CartItem,
  createStorefront,
  type Favorite,
  type Refusal,
} from '../../../../sdk/src/adapters/browser';
import type { Session } from '../../../../shared/api/auth';

declare global {
  interface Window {
    shop: ReturnType<typeof createStorefront>;
    reportRefusal?: (refusal: Refusal) => void;
  }
}

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
};
const input = (id: string) => byId(id) as HTMLInputElement;

const shop = createStorefront({ url: location.origin, channel: 'h5', runtime: browserRuntime(), guest: false });
window.shop = shop;
shop.on('refusal', (refusal) => window.reportRefusal?.(refusal));
shop.on('connection', (socket, state) => {
  if (socket !== 'member') return;
  byId('connection').dataset.state = state;
  byId('connection').textContent = state;
});

const list = (id: string, items: Array<{ skuId: string; text: string; qty?: number }>) => {
  byId(id).replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.sku = item.skuId;
      if (item.qty !== undefined) li.dataset.qty = String(item.qty);
      li.textContent = item.text;
      return li;
    }),
  );
};
const showCart = (lines: CartItem[]) =>
  list(
    'cart',
    lines.map((l) => ({ skuId: l.skuId, qty: l.qty, text: `${l.skuId} × ${l.qty} (added on ${l.channel})` })),
  );
const showFavorites = (saved: Favorite[]) =>
  list(
    'favorites',
    saved.map((f) => ({ skuId: f.skuId, text: f.skuId })),
  );
const showSession = (session: Session | null) => {
  byId('session').textContent = session ? `${session.role} ${session.memberId}` : 'none';
};
shop.cart.subscribe(showCart);
shop.favorites.subscribe(showFavorites);
shop.auth.session.subscribe(showSession);

byId('send-code').addEventListener('click', () => void shop.auth.requestCode(input('phone').value));
byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  void shop.auth.loginWithPhone(input('phone').value, input('code').value);
});

await shop.ready;
showCart(shop.cart.get());
showFavorites(shop.favorites.get());
showSession(shop.auth.session.get());
document.body.dataset.ready = 'true';
