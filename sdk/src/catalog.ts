import * as Y from 'yjs';
import type { CategoryNode } from '../../shared/api/categories';
import type { ProductSort } from '../../shared/api/products';
import type { ListedProduct, ListingAnswer, ProductAnswer, ProductPage } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';
import { LISTING_MAP, LISTING_SKU_MAP, type ListingEntry, type ListingSkuEntry } from '../../shared/docs/listing';
import { flashSaleFor } from '../../shared/docs/sku';
import { mediaPath } from '../../shared/media';
import type { HubConnection } from './connection';
import type { HubHttp } from './http';
import { docView, type LiveView, liveView } from './liveView';
import { queryString } from './queryString';

export type { CategoryNode, ListedProduct, ProductPage };

/** A listing line kept live: `listed` false once shoppers can no longer buy it. */
export type LiveListedProduct = ListedProduct & { listed: boolean };
export type LiveProductPage = ProductPage & { listed: boolean };

export interface ListingQuery {
  categoryId?: string;
  q?: string;
  sort?: ProductSort;
  limit?: number;
  cursor?: string;
}

export interface ListingPage {
  products: LiveListedProduct[];
  nextCursor: string | null;
}

/** A live view that holds a feed open until it is closed. */
export type Closable<T> = LiveView<T> & { close(): void };

/**
 * The feeds on screen share one socket to the catalog (`HubConnection` with several rooms): a
 * listing and a product page cost one socket together, whatever the catalog's size.
 */
export class CatalogFeeds {
  private readonly open = new Map<string, { doc: Y.Doc; users: number }>();

  constructor(private readonly connection: HubConnection) {}

  hold(room: string): { doc: Y.Doc; synced: Promise<void>; release(): void } {
    let held = this.open.get(room);
    if (!held) {
      held = { doc: new Y.Doc(), users: 0 };
      this.open.set(room, held);
      this.apply();
    }
    held.users += 1;
    const entry = held;
    let released = false;
    return {
      doc: entry.doc,
      synced: this.connection.synced(room),
      release: () => {
        if (released) return;
        released = true;
        entry.users -= 1;
        if (entry.users > 0) return;
        this.open.delete(room);
        this.apply();
        entry.doc.destroy();
      },
    };
  }

  private apply(): void {
    this.connection.setRooms([...this.open].map(([name, { doc }]) => ({ name, doc })));
  }
}

const imageUrl = (baseUrl: string, line: ListingEntry) =>
  line.imageId === null ? null : `${baseUrl}${mediaPath(line.imageId)}`;

/**
 * What a listing shows and the hub reads: the catalog's products, live. A flash sale shows only on
 * the channels it is for (`flashSaleFor`), so no shopper sees a price their order would not get.
 */
export const catalogReads = (
  http: HubHttp,
  feeds: CatalogFeeds,
  baseUrl: string,
  channel: Channel,
  now: () => number,
) => ({
  /**
   * One page of a listing, kept live until closed. `known`: the hub's answer for this query, when
   * the page already has it (a server-rendered page): only its feed is opened.
   */
  async list(query: ListingQuery = {}, known?: ListingAnswer): Promise<Closable<ListingPage>> {
    const page = known ?? (await http.call<ListingAnswer>('GET', `/api/products?${queryString({ ...query })}`));
    const held = page.feed ? feeds.hold(page.feed) : null;
    if (held) await held.synced;
    const read = (): ListingPage => {
      const lines = held?.doc.getMap<ListingEntry>(LISTING_MAP);
      return {
        nextCursor: page.nextCursor,
        products: page.products.map((item) => {
          const line = lines?.get(item.productId);
          if (!line) return { ...item, flash: flashSaleFor(item, channel, now()), listed: true };
          return {
            ...item,
            title: line.title,
            imageUrl: imageUrl(baseUrl, line),
            price: line.price,
            stock: line.stock,
            flash: flashSaleFor(line, channel, now()),
            sales: line.sales,
            listed: line.listed,
          };
        }),
      };
    };
    const view = held ? docView(held.doc, read) : liveView(read, () => () => {});
    return { ...view, close: () => held?.release() };
  },

  /** A product's page: content, and its price, stock and SKUs live. `known`: as for `list`. */
  async product(productId: string, known?: ProductAnswer): Promise<Closable<LiveProductPage>> {
    const detail = known ?? (await http.call<ProductAnswer>('GET', `/api/products/${productId}`));
    const held = feeds.hold(detail.feed);
    await held.synced;
    const read = (): LiveProductPage => {
      const line = held.doc.getMap<ListingEntry>(LISTING_MAP).get(productId);
      const skus = held.doc.getMap<ListingSkuEntry>(LISTING_SKU_MAP);
      return {
        ...detail,
        title: line?.title ?? detail.title,
        price: line ? line.price : detail.price,
        stock: line?.stock ?? detail.stock,
        sales: line?.sales ?? detail.sales,
        listed: line?.listed ?? true,
        skus: detail.skus.map((sku) => {
          const live = skus.get(sku.skuId);
          const current = live && live.rev >= sku.rev ? { ...sku, ...live } : sku;
          return { ...current, flash: flashSaleFor(current, channel, now()) };
        }),
      };
    };
    return { ...docView(held.doc, read), close: () => held.release() };
  },

  /** The category tree, for a storefront's menus. */
  async categories(): Promise<CategoryNode[]> {
    return (await http.call<{ categories: CategoryNode[] }>('GET', '/api/categories')).categories;
  },
});
