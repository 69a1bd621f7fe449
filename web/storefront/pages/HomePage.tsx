import { Picture } from '../../ui/Picture';
import { Price } from '../../ui/Price';
import { Frame } from '../Frame';
import { useListing } from '../listing';
import { ProductGrid } from '../ProductCard';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';

/** The front page: the brand's showcase on PC, search and categories first on a phone; the products live. */
export const HomePage = ({ data }: { data: Extract<PageData, { page: 'home' }> }) => {
  const { channel, paths } = useShop();
  const products = useListing({}, data.listing);
  const featured = products.find((p) => p.imageUrl !== null);
  return (
    <Frame title="mallsync" tab="home" categories={data.categories}>
      {channel === 'pc' ? (
        <section class="hero">
          <div class="hero-text">
            <p class="hero-kicker">New season</p>
            <h1>Made to be lived in.</h1>
            <p>One mall on every screen: what you pick here waits for you on your phone and in the App.</p>
            <a class="button" href={data.categories[0] ? paths.category(data.categories[0].id) : paths.search()}>
              Shop the collection
            </a>
          </div>
          {featured && (
            <a class="hero-feature" href={paths.product(featured.productId)}>
              <Picture url={featured.imageUrl} alt={featured.title} eager />
              <span class="hero-feature-caption">
                {featured.title} <Price price={featured.flash?.price ?? featured.price} />
              </span>
            </a>
          )}
        </section>
      ) : (
        <form class="phone-search" action={paths.search()} method="get">
          <input name="q" type="search" placeholder="Search products" aria-label="Search products" />
        </form>
      )}
      <nav class="category-strip" aria-label="Categories">
        {data.categories.map((category) => (
          <a href={paths.category(category.id)} class="category-chip">
            {category.name}
          </a>
        ))}
      </nav>
      <section class="section">
        <h2 class="section-title">Popular now</h2>
        <ProductGrid products={products} />
      </section>
    </Frame>
  );
};
