import type { Child } from 'hono/jsx';
import { CartCount } from './CartCount';
import { useShop } from './shopContext';

export type Tab = 'home' | 'category' | 'cart' | 'me';

const ICONS: Record<Tab, string> = {
  home: 'M3 11 12 4l9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  category: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  cart: 'M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2M9 20a1 1 0 1 0 0 .1M17 20a1 1 0 1 0 0 .1',
  me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
};

const LABELS: Record<Tab, string> = { home: 'Home', category: 'Category', cart: 'Cart', me: 'Me' };

/**
 * The frame of the phone storefronts (H5, the mini-program's H5 form, the App): a title bar and
 * a tab bar at the bottom, where a thumb reaches. `tab` marks the tab the page belongs to.
 */
export const PhoneShell = ({
  title,
  tab,
  back,
  children,
}: {
  title: string;
  tab?: Tab;
  back?: string;
  children: Child;
}) => {
  const { paths } = useShop();
  const hrefs: Record<Tab, string> = {
    home: paths.home,
    category: paths.categories,
    cart: paths.cart,
    me: paths.me,
  };
  return (
    <div class="phone">
      <header class="phone-bar">
        {back && (
          <a class="phone-back" href={back} aria-label="Back">
            ‹
          </a>
        )}
        <h1 class="phone-title">{title}</h1>
      </header>
      <main class="phone-main">{children}</main>
      <nav class="tab-bar" aria-label="Tabs">
        {(Object.keys(LABELS) as Tab[]).map((name) => (
          <a href={hrefs[name]} class="tab" aria-current={name === tab ? 'page' : undefined} data-tab={name}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={ICONS[name]} />
            </svg>
            <span>{LABELS[name]}</span>
            {name === 'cart' && <CartCount />}
          </a>
        ))}
      </nav>
    </div>
  );
};
