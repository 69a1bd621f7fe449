import type { FC } from 'hono/jsx';
import type { Storefront } from '../../sdk/src/storefront';
import type { PageData, PageEnvelope, PageName } from './pageData';
import { CartPage } from './pages/CartPage';
import { CategoryPage } from './pages/CategoryPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { MePage } from './pages/MePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { ProductPage } from './pages/ProductPage';
import { SearchPage } from './pages/SearchPage';
import { pathsOf } from './paths';
import { ShopContext } from './shopContext';

type PageComponents = { [K in PageName]: FC<{ data: Extract<PageData, { page: K }> }> };

const PAGES: PageComponents = {
  home: HomePage,
  category: CategoryPage,
  search: SearchPage,
  product: ProductPage,
  cart: CartPage,
  checkout: CheckoutPage,
  orders: OrdersPage,
  order: OrderPage,
  me: MePage,
  login: LoginPage,
  notFound: NotFoundPage,
};

/**
 * One storefront page on one channel, the same tree on the server (no storefront: nothing live)
 * and in the browser (the SDK's storefront: everything live).
 */
export const Site = ({ envelope, storefront }: { envelope: PageEnvelope; storefront: Storefront | null }) => {
  const Page = PAGES[envelope.data.page] as FC<{ data: PageData }>;
  return (
    <ShopContext.Provider value={{ channel: envelope.channel, paths: pathsOf(envelope.channel), storefront }}>
      <Page data={envelope.data} />
    </ShopContext.Provider>
  );
};
