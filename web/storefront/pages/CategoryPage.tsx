import { categoryTrail } from '../../../shared/categoryTrail';
import { Frame } from '../Frame';
import { useListing } from '../listing';
import { ProductGrid } from '../ProductCard';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';

/** A category and everything under it, its sub-categories to narrow down, the products live. */
export const CategoryPage = ({ data }: { data: Extract<PageData, { page: 'category' }> }) => {
  const { channel, paths } = useShop();
  const products = useListing({ categoryId: data.category.id }, data.listing);
  const crumbs = categoryTrail(data.categories, data.category.id);
  return (
    <Frame title={data.category.name} tab="category" categories={data.categories}>
      <div class="category-layout">
        <nav class="category-rail" aria-label="Categories">
          {data.categories.map((root) => (
            <a href={paths.category(root.id)} aria-current={crumbs[0]?.id === root.id ? 'page' : undefined}>
              {root.name}
            </a>
          ))}
        </nav>
        <section class="category-body">
          {channel === 'pc' && (
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
              <a href={paths.home}>Home</a>
              {crumbs.map((c) => (
                <a href={paths.category(c.id)}>{c.name}</a>
              ))}
            </nav>
          )}
          <h1 class="page-title">{data.category.name}</h1>
          {data.category.children.length > 0 && (
            <nav class="category-strip" aria-label="Sub-categories">
              {data.category.children.map((child) => (
                <a href={paths.category(child.id)} class="category-chip">
                  {child.name}
                </a>
              ))}
            </nav>
          )}
          <ProductGrid products={products} />
        </section>
      </div>
    </Frame>
  );
};
