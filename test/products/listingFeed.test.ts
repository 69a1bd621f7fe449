import { env, evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { LISTING_MAP, LISTING_SKU_MAP, type ListingEntry } from '../../shared/docs/listing';
import { CATALOG_MAP, type CatalogEntry } from '../../shared/docs/sku';
import { catalogRoomOf } from '../../workers/catalog/CatalogRoom';
import { moveClock } from '../support/clock';
import { admin, patchSku } from '../support/hub';
import { type ListingPage, newCategory, productPriced, shopperGet, uploadImage } from '../support/products';
import { RoomClient } from '../support/roomClient';

type FeedPage = ListingPage & { feed: string | null };

const listing = async (query: Record<string, string>): Promise<FeedPage> => {
  const response = await shopperGet(`/api/products?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.json();
};

const lines = (client: RoomClient) => client.doc.getMap<ListingEntry>(LISTING_MAP);

/** Three listed products in a category of their own, priced 1000, 2000 and 3000 (sorted by price). */
const threeProducts = async (name: string) => {
  const category = await newCategory(name);
  const made = [];
  for (const price of [1000, 2000, 3000]) {
    made.push(await productPriced(`${name} ${price}`, [price, price + 500], { categoryIds: [category.id] }));
  }
  return { category, made };
};

describe('a listing page stays live over the feed its answer names', () => {
  it('holds only the products the page shows, as the listing shows them', async () => {
    const { category, made } = await threeProducts('Feed page');
    const page = await listing({ categoryId: category.id, sort: 'price_asc', limit: '2' });
    expect(page.feed).toMatch(/^catalog:[A-Za-z0-9_-]{22}$/);

    const feed = await RoomClient.connect(page.feed as string, 'h5');
    expect([...lines(feed).keys()].sort()).toEqual(page.products.map((p) => p.productId).sort());
    for (const item of page.products) {
      const line = lines(feed).get(item.productId);
      expect(line).toMatchObject({ title: item.title, price: item.price, stock: item.stock, listed: true });
    }
    expect(lines(feed).has(made[2]?.productId as string)).toBe(false);
    expect(feed.doc.getMap(CATALOG_MAP).size).toBe(0);
    feed.close();
  });

  it('shows a price edit of a product on the page, and nothing of the products off it', async () => {
    const { category, made } = await threeProducts('Feed price');
    const page = await listing({ categoryId: category.id, sort: 'price_asc', limit: '2' });
    const feed = await RoomClient.connect(page.feed as string, 'pc');
    const [first, , offPage] = made;
    const before = lines(feed).get(first?.productId as string) as ListingEntry;

    await patchSku(offPage?.skus[0]?.skuId as string, { price: 100 });
    await patchSku(first?.skus[0]?.skuId as string, { price: 1200, stock: 9 });
    await feed.until(() => lines(feed).get(first?.productId as string)?.price?.min === 1200, 'the new lowest price');

    const after = lines(feed).get(first?.productId as string) as ListingEntry;
    expect(after.price).toEqual({ min: 1200, max: 1500 });
    expect(after.stock).toBe(9 + 5);
    expect(after.rev).toBeGreaterThan(before.rev);
    expect(lines(feed).has(offPage?.productId as string)).toBe(false);
    feed.close();
  });

  it('follows a new title and main picture, and a product taken off sale', async () => {
    const { category, made } = await threeProducts('Feed content');
    const page = await listing({ categoryId: category.id, limit: '10' });
    const feed = await RoomClient.connect(page.feed as string, 'mini');
    const product = made[1];
    const picture = await uploadImage('feed main picture');

    const edit = await admin('PATCH', `/api/admin/products/${product?.productId}`, {
      title: '新品 连衣裙',
      images: [picture.imageId],
    });
    expect(edit.status).toBe(200);
    await feed.until(() => lines(feed).get(product?.productId as string)?.title === '新品 连衣裙', 'the new title');
    expect(lines(feed).get(product?.productId as string)?.imageId).toBe(picture.imageId);

    const withdrawn = await admin('PATCH', `/api/admin/products/${product?.productId}`, { status: 'warehouse' });
    expect(withdrawn.status).toBe(200);
    await feed.until(() => lines(feed).get(product?.productId as string)?.listed === false, 'the product withdrawn');
    expect(lines(feed).get(product?.productId as string)?.price).toBeNull();
    feed.close();
  });

  it('measures how long a change takes to reach a shopper who acknowledges it', async () => {
    const { category, made } = await threeProducts('Feed measured');
    const page = await listing({ categoryId: category.id, limit: '3' });
    const room = page.feed as string;
    const feed = await RoomClient.connect(room, 'h5');
    const product = made[0];
    await patchSku(product?.skus[0]?.skuId as string, { price: 321 });
    await feed.until(() => lines(feed).get(product?.productId as string)?.price?.min === 321, 'the change');
    const rev = lines(feed).get(product?.productId as string)?.rev as number;

    feed.setAwareness({ channel: 'h5', seen: { room, rev } });
    await feed.flush();
    const stats = await catalogRoomOf(env).latencyByChannel(room);
    expect(stats.h5).toMatchObject({ connected: 1, samples: 1 });
    expect(stats.pc).toMatchObject({ connected: 0, samples: 0 });
    feed.close();
  });

  it('gives two shoppers on the same page the same feed', async () => {
    const { category } = await threeProducts('Feed shared');
    const a = await listing({ categoryId: category.id, limit: '3' });
    const b = await listing({ categoryId: category.id, limit: '3', sort: 'weight' });
    const other = await listing({ categoryId: category.id, limit: '2' });
    expect(b.feed).toBe(a.feed);
    expect(other.feed).not.toBe(a.feed);
  });

  it('brings a feed opened again up to date with what changed while nobody was connected', async () => {
    const { category, made } = await threeProducts('Feed later');
    const page = await listing({ categoryId: category.id, limit: '3' });
    const first = await RoomClient.connect(page.feed as string, 'app');
    const product = made[0];
    first.close();

    await patchSku(product?.skus[1]?.skuId as string, { price: 999 });
    const again = await RoomClient.connect(page.feed as string, 'app', undefined, first.doc);
    await again.until(() => lines(again).get(product?.productId as string)?.price?.min === 999, 'the missed change');
    again.close();
  });

  it('stays live through hibernation: the woken catalog still knows which feeds its sockets watch', async () => {
    const { category, made } = await threeProducts('Feed asleep');
    const page = await listing({ categoryId: category.id, limit: '3' });
    const feed = await RoomClient.connect(page.feed as string, 'pc');
    const product = made[2];

    await evictDurableObject(catalogRoomOf(env), { webSockets: 'hibernate' });
    await patchSku(product?.skus[0]?.skuId as string, { price: 2222 });
    await feed.until(() => lines(feed).get(product?.productId as string)?.price?.min === 2222, 'the edit after wake');
    // Nothing doubled by the woken instance.
    expect(lines(feed).size).toBe(3);
    feed.close();
  });

  it('keeps a product page live down to each SKU', async () => {
    const { made } = await threeProducts('Feed detail');
    const product = made[0];
    const response = await shopperGet(`/api/products/${product?.productId}`);
    expect(response.status).toBe(200);
    const detail = await response.json<{ feed: string }>();
    const feed = await RoomClient.connect(detail.feed, 'h5');
    const skus = () => feed.doc.getMap<CatalogEntry>(LISTING_SKU_MAP);
    expect([...skus().keys()].sort()).toEqual(product?.skus.map((s) => s.skuId).sort());

    await patchSku(product?.skus[1]?.skuId as string, { stock: 0 });
    await feed.until(() => skus().get(product?.skus[1]?.skuId as string)?.stock === 0, 'the SKU sold out');
    expect(lines(feed).get(product?.productId as string)?.stock).toBe(5);
    feed.close();
  });

  it('refuses a feed no listing named', async () => {
    const unknown = await shopperGet('/sync/catalog:AAAAAAAAAAAAAAAAAAAAAA?channel=h5', { Upgrade: 'websocket' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json<{ error: { code: string } }>()).error.code).toBe('not_found');
  });

  it('retires a feed unused for a week, and names it again when the page is asked for', async () => {
    const { category } = await threeProducts('Feed retired');
    const page = await listing({ categoryId: category.id, limit: '3' });
    moveClock(8 * 24 * 60 * 60 * 1000);
    // Any listing call retires what is stale.
    await listing({ limit: '1' });
    const retired = await shopperGet(`/sync/${page.feed}?channel=h5`, { Upgrade: 'websocket' });
    expect(retired.status).toBe(404);

    const again = await listing({ categoryId: category.id, limit: '3' });
    expect(again.feed).toBe(page.feed);
    const feed = await RoomClient.connect(again.feed as string, 'h5');
    expect(lines(feed).size).toBe(3);
    feed.close();
  });
});
