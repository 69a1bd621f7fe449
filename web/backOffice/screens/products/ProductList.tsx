import { useEffect, useState } from 'hono/jsx';
import { PRODUCT_STATUSES } from '../../../../shared/api/productModel';
import { Picture } from '../../../ui/Picture';
import { ActionNotice, useAction } from '../../refusals';
import { Link, navigate, type Place, screenHref } from '../../router';
import { BatchEdit, type RowOutcome } from './BatchEdit';
import { categoryChoices, type OperatorProduct, PAGE_SIZES, type ProductFilter, productPage } from './catalogRecords';
import { liveSku, useLiveCatalog } from './liveCatalog';
import { STATUS_NAMES } from './productStatus';
import { SkuPriceStock } from './SkuPriceStock';

const filterOf = (query: URLSearchParams): ProductFilter => ({
  q: query.get('q') ?? undefined,
  categoryId: query.get('categoryId') ?? undefined,
  status: query.get('status') ?? undefined,
  cursor: query.get('cursor') ?? undefined,
  limit: query.get('limit') ?? undefined,
});

/** Search and filters, kept in the address so a link or a reload shows the same list. */
const ListFilters = ({
  filter,
  categories,
}: {
  filter: ProductFilter;
  categories: Array<{ id: string; name: string }>;
}) => (
  <form
    class="panel toolbar"
    aria-label="Find products"
    onSubmit={(event: Event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement).entries()) as Record<
        string,
        string
      >;
      navigate(screenHref('/products', values));
    }}
  >
    <label class="field">
      <span>Title</span>
      <input name="q" type="search" value={filter.q ?? ''} placeholder="Search titles" />
    </label>
    <label class="field">
      <span>Category</span>
      <select name="categoryId">
        <option value="">All categories</option>
        {categories.map((c) => (
          <option value={c.id} selected={c.id === filter.categoryId}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
    <label class="field">
      <span>Status</span>
      <select name="status">
        <option value="">Any status</option>
        {PRODUCT_STATUSES.map((s) => (
          <option value={s} selected={s === filter.status}>
            {STATUS_NAMES[s]}
          </option>
        ))}
      </select>
    </label>
    <label class="field">
      <span>Per page</span>
      <select name="limit">
        {/* A size the address asks for that is not one of the usual ones is offered too, so the list keeps it. */}
        {[...new Set([...PAGE_SIZES, filter.limit ?? PAGE_SIZES[0]])]
          .sort((a, b) => Number(a) - Number(b))
          .map((size) => (
            <option value={size} selected={size === (filter.limit ?? PAGE_SIZES[0])}>
              {size}
            </option>
          ))}
      </select>
    </label>
    <div class="form-actions">
      <button class="button" type="submit">
        Find
      </button>
    </div>
  </form>
);

/** The products of one page, each with its SKUs' price and stock live and editable in place. */
export const ProductList = ({ place }: { place: Place }) => {
  const filter = filterOf(place.query);
  const [page, setPage] = useState<{ products: OperatorProduct[]; nextCursor: string | null } | null>(null);
  const [categories, setCategories] = useState<Array<{ id: string; name: string }>>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});
  const load = useAction();
  const live = useLiveCatalog();
  const key = place.query.toString();
  useEffect(() => {
    void load.run(async () => setCategories(await categoryChoices()));
  }, []);
  useEffect(() => {
    setPicked([]);
    setOutcomes({});
    void load.run(async () => setPage(await productPage(filter)));
  }, [key]);
  const categoryName = (id: string) => categories.find((c) => c.id === id)?.name ?? id;
  const toggle = (skuId: string, on: boolean) =>
    setPicked((all) => (on ? [...all.filter((id) => id !== skuId), skuId] : all.filter((id) => id !== skuId)));
  return (
    <>
      <header class="screen-head">
        <h1>Products</h1>
        <p class="muted">
          Price and stock saved here reach every storefront at once.{' '}
          <span class="badge" data-tone={live.live ? 'ok' : 'muted'} id="catalog-live">
            {live.live ? 'Live' : 'Connecting'}
          </span>
        </p>
        <Link class="button" href={screenHref('/products/new')}>
          New product
        </Link>
      </header>
      <ListFilters filter={filter} categories={categories} />
      <BatchEdit picked={picked} onOutcomes={setOutcomes} />
      <section class="panel">
        <ActionNotice action={load} />
        <div class="table-scroll">
          <table class="grid product-list" id="product-list">
            <thead>
              <tr>
                <th>
                  <span class="visually-hidden">Pick</span>
                </th>
                <th>SKU</th>
                <th class="sku-columns">Price (¥) · Stock</th>
                <th>Outcome</th>
              </tr>
            </thead>
            {(page?.products ?? []).map((product) => (
              <tbody key={product.productId} data-product={product.productId}>
                <tr class="product-row">
                  <td colSpan={4}>
                    <div class="product-line">
                      <Picture url={product.images[0]?.url ?? null} alt={product.title} eager />
                      <div>
                        <Link class="product-title" href={screenHref(`/products/${product.productId}`)}>
                          {product.title}
                        </Link>
                        <small class="muted">
                          {product.categoryIds.map(categoryName).join(' · ') || 'No category'}
                        </small>
                      </div>
                      <span class="badge" data-tone={product.status === 'listed' ? 'ok' : 'muted'}>
                        {STATUS_NAMES[product.status]}
                      </span>
                    </div>
                  </td>
                </tr>
                {product.skus.map((read) => {
                  const sku = liveSku(read, live.skus, read.skuId);
                  const outcome = outcomes[sku.skuId];
                  return (
                    <tr key={sku.skuId} data-sku={sku.skuId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Pick ${sku.title}`}
                          checked={picked.includes(sku.skuId)}
                          onChange={(event: Event) => toggle(sku.skuId, (event.target as HTMLInputElement).checked)}
                        />
                      </td>
                      <td>
                        {sku.name || sku.title}
                        {!sku.listed && <small class="muted"> · off sale</small>}
                      </td>
                      <td>
                        <SkuPriceStock key={sku.skuId} sku={sku} label={sku.title} />
                      </td>
                      <td class="batch-outcome" data-outcome={outcome?.tone}>
                        {outcome?.text}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
        {page && page.products.length === 0 && <p class="muted">No product matches.</p>}
        <nav class="form-actions pager" aria-label="Pages">
          {filter.cursor && (
            <Link class="button" data-kind="quiet" href={screenHref('/products', { ...filter, cursor: undefined })}>
              First page
            </Link>
          )}
          {page?.nextCursor && (
            <Link
              class="button"
              data-kind="quiet"
              href={screenHref('/products', { ...filter, cursor: page.nextCursor })}
            >
              Next page
            </Link>
          )}
        </nav>
      </section>
    </>
  );
};
