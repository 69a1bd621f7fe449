import type { Child } from 'hono/jsx';
import type { CategoryNode } from '../../shared/api/categories';
import { CartCount } from './CartCount';
import { useShop } from './shopContext';

/** The PC mall's frame: a brand header with the category menu and search, and a footer to the other channels. */
export const PcShell = ({ categories, q, children }: { categories: CategoryNode[]; q?: string; children: Child }) => {
  const { paths } = useShop();
  return (
    <div class="pc">
      <header class="pc-header">
        <div class="pc-header-inner">
          <a class="brand" href={paths.home}>
            mallsync
          </a>
          <nav class="pc-menu" aria-label="Categories">
            {categories.map((category) => (
              <a href={paths.category(category.id)}>{category.name}</a>
            ))}
          </nav>
          <form class="pc-search" action={paths.search()} method="get">
            <input name="q" type="search" placeholder="Search products" value={q ?? ''} aria-label="Search products" />
          </form>
          <nav class="pc-account" aria-label="Account">
            <a href={paths.orders}>Orders</a>
            <a href={paths.me}>Account</a>
            <a href={paths.cart} class="pc-cart">
              Cart <CartCount />
            </a>
          </nav>
        </div>
      </header>
      <main class="pc-main">{children}</main>
      <footer class="pc-footer">
        <span>mallsync · one mall on PC, H5, the mini-program and the App</span>
        <nav>
          <a href="/h5">H5 mall</a>
          <a href="/app">App</a>
          <a href="/demo">Four-channel demo</a>
          <a href="/monitor">Monitor</a>
          <a href="/admin">Back office</a>
        </nav>
      </footer>
    </div>
  );
};
