import { Frame } from '../Frame';
import { useListing } from '../listing';
import { ProductGrid } from '../ProductCard';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';

/** Products whose title holds the words searched for (Chinese too), live. */
export const SearchPage = ({ data }: { data: Extract<PageData, { page: 'search' }> }) => {
  const { paths } = useShop();
  const products = useListing(data.q ? { q: data.q } : {}, data.listing);
  return (
    <Frame title="Search" back={paths.home} categories={data.categories} q={data.q}>
      <form class="phone-search search-page-form" action={paths.search()} method="get">
        <input name="q" type="search" value={data.q} placeholder="Search products" aria-label="Search products" />
        <button class="button" type="submit">
          Search
        </button>
      </form>
      <h1 class="page-title">{data.q ? `Results for “${data.q}”` : 'All products'}</h1>
      <ProductGrid products={products} />
    </Frame>
  );
};
