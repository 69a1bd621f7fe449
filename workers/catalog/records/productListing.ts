import { and, desc, eq, gt, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { flashSaleSkus, flashSales, skus } from '../../../schema';
import type { ProductSource, ProductStatus } from '../../../shared/api/productModel';
import type { ProductSort } from '../../../shared/api/products';
import type { ListedFlash } from '../../../shared/api/productViews';
import type { Database } from '../../records/db';
import { titleLikePattern } from '../rules/searchText';

/** Who reads the list: shoppers see listed products with a listed SKU; operators see every product. */
export interface ListingFilter {
  audience: 'shopper' | 'operator';
  q?: string;
  categoryId?: string;
  status?: ProductStatus;
  source?: ProductSource;
}

/** One product of a listing page, with its price range and stock over the SKUs its audience sees. */
export interface ListingRow {
  id: string;
  title: string;
  subtitle: string;
  status: ProductStatus;
  source: ProductSource;
  sortWeight: number;
  sales: number;
  createdAt: number;
  updatedAt: number;
  minPrice: number | null;
  maxPrice: number | null;
  stock: number;
  skuCount: number;
}

/** The sort keys of each order, most significant first; the product id last makes every position unique. */
export const SORT_KEYS: Record<ProductSort, { keys: Array<keyof ListingRow>; direction: 'asc' | 'desc' }> = {
  weight: { keys: ['sortWeight', 'createdAt', 'id'], direction: 'desc' },
  newest: { keys: ['createdAt', 'id'], direction: 'desc' },
  price_asc: { keys: ['minPrice', 'id'], direction: 'asc' },
  price_desc: { keys: ['minPrice', 'id'], direction: 'desc' },
  sales: { keys: ['sales', 'id'], direction: 'desc' },
};

const COLUMN: Partial<Record<keyof ListingRow, string>> = {
  sortWeight: 'sort_weight',
  createdAt: 'created_at',
  minPrice: 'min_price',
  sales: 'sales',
  id: 'id',
};

const conditionsOf = (filter: ListingFilter): SQL[] => {
  const conditions: SQL[] = [];
  if (filter.audience === 'shopper') conditions.push(sql`p.status = 'listed'`);
  if (filter.status) conditions.push(sql`p.status = ${filter.status}`);
  if (filter.source) conditions.push(sql`p.source = ${filter.source}`);
  if (filter.q) conditions.push(sql`p.search_title LIKE ${titleLikePattern(filter.q)} ESCAPE '\\'`);
  if (filter.categoryId) {
    // The category and everything under it; UNION (not UNION ALL) stops at a category seen twice.
    conditions.push(sql`p.id IN (
      SELECT pc.product_id FROM product_categories pc WHERE pc.category_id IN (
        WITH RECURSIVE subtree(id) AS (
          SELECT ${filter.categoryId}
          UNION SELECT c.id FROM categories c JOIN subtree ON c.parent_id = subtree.id
        )
        SELECT id FROM subtree))`);
  }
  return conditions;
};

/**
 * One page of products in `sort` order, starting strictly after `after` (the sort keys of the
 * previous page's last product): `limit` rows, and one more when a further page exists.
 */
export const listingPage = async (
  db: Database,
  filter: ListingFilter,
  sort: ProductSort,
  after: Array<string | number> | null,
  limit: number,
): Promise<ListingRow[]> => {
  const { keys, direction } = SORT_KEYS[sort];
  const columns = sql.raw(keys.map((k) => COLUMN[k]).join(', '));
  const skuSeen = filter.audience === 'shopper' ? sql`AND s.listed = 1` : sql``;
  const where = conditionsOf(filter);
  const outer: SQL[] = [];
  if (after) {
    const comparison = sql.raw(direction === 'asc' ? '>' : '<');
    outer.push(
      sql`(${columns}) ${comparison} (${sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  }
  const order = sql.raw(keys.map((k) => `${COLUMN[k]} ${direction}`).join(', '));
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT * FROM (
      SELECT p.id, p.title, p.subtitle, p.status, p.source, p.sort_weight, p.sales, p.created_at, p.updated_at,
        MIN(s.price) AS min_price, MAX(s.price) AS max_price, COALESCE(SUM(s.stock), 0) AS stock,
        COUNT(s.id) AS sku_count
      FROM products p
      LEFT JOIN skus s ON s.product_id = p.id AND s.removed_at IS NULL ${skuSeen}
      ${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
      GROUP BY p.id
      ${filter.audience === 'shopper' ? sql`HAVING COUNT(s.id) > 0` : sql``}
    )
    ${outer.length > 0 ? sql`WHERE ${sql.join(outer, sql` AND `)}` : sql``}
    ORDER BY ${order}
    LIMIT ${limit + 1}`);
  return rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    subtitle: String(r.subtitle),
    status: r.status as ProductStatus,
    source: r.source as ProductSource,
    sortWeight: Number(r.sort_weight),
    sales: Number(r.sales),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    minPrice: r.min_price === null ? null : Number(r.min_price),
    maxPrice: r.max_price === null ? null : Number(r.max_price),
    stock: Number(r.stock),
    skuCount: Number(r.sku_count),
  }));
};

/** The lowest flash price running at `now` on any current SKU of each product. */
export const runningFlashOfProducts = async (
  db: Database,
  productIds: string[],
  now: number,
): Promise<Map<string, ListedFlash>> => {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({
      productId: skus.productId,
      price: flashSales.price,
      startsAt: flashSales.startsAt,
      endsAt: flashSales.endsAt,
      channels: flashSales.channels,
    })
    .from(flashSaleSkus)
    .innerJoin(flashSales, eq(flashSales.id, flashSaleSkus.saleId))
    .innerJoin(skus, eq(skus.id, flashSaleSkus.skuId))
    .where(
      and(
        inArray(skus.productId, productIds),
        isNull(skus.removedAt),
        isNull(flashSales.cancelledAt),
        lte(flashSales.startsAt, now),
        gt(flashSales.endsAt, now),
      ),
    )
    .orderBy(desc(flashSales.price));
  // Cheapest last, so it is the one each product keeps.
  return new Map(rows.map(({ productId, ...flash }) => [productId, flash]));
};
