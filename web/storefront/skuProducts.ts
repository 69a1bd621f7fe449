import { useEffect, useRef, useState } from 'hono/jsx';
import type { Closable, LiveProductPage } from '../../sdk/src/catalog';
import type { ProductPageSku } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';
import { flashSaleFor, type SkuState } from '../../shared/docs/sku';
import { hubRead } from './memberReads';
import { useShop } from './shopContext';

/** A SKU the shopper holds (in the cart, saved), with its product as the product's feed keeps it live. */
export interface SkuOnShow {
  product: LiveProductPage;
  sku: ProductPageSku;
}

/**
 * The live product of each SKU named: one `GET /api/skus/:skuId` per SKU says its product, and
 * each product's feed (one per product, however many of its SKUs are named) keeps its price,
 * stock and listing live while the page stays open. SKUs not known yet are absent from `shown`;
 * `gone` holds those the catalog no longer has.
 */
export const useSkuProducts = (skuIds: string[]): { shown: Map<string, SkuOnShow>; gone: Set<string> } => {
  const { storefront } = useShop();
  const [owners, setOwners] = useState<Record<string, string>>({});
  const [products, setProducts] = useState<Record<string, LiveProductPage>>({});
  const [gone, setGone] = useState<Set<string>>(new Set());
  const asked = useRef(new Set<string>());
  const feeds = useRef(new Map<string, Promise<Closable<LiveProductPage>>>());
  const wanted = [...new Set(skuIds)].sort().join(',');

  useEffect(() => {
    if (!storefront) return;
    for (const skuId of wanted ? wanted.split(',') : []) {
      if (asked.current.has(skuId)) continue;
      asked.current.add(skuId);
      const read = hubRead<SkuState>(storefront, `/api/skus/${encodeURIComponent(skuId)}`);
      // A SKU the catalog no longer has stays in the cart until removed; it is shown as gone.
      void read.catch(() => setGone((known) => new Set(known).add(skuId)));
      void read.then(({ productId }) => {
        setOwners((known) => ({ ...known, [skuId]: productId }));
        if (feeds.current.has(productId)) return;
        const feed = storefront.product(productId);
        feeds.current.set(productId, feed);
        void feed.then((view) => {
          const show = (page: LiveProductPage) => setProducts((known) => ({ ...known, [productId]: page }));
          show(view.get());
          view.subscribe(show);
        });
      });
    }
  }, [wanted]);

  useEffect(
    () => () => {
      for (const feed of feeds.current.values()) void feed.then((view) => view.close());
    },
    [],
  );

  const shown = new Map<string, SkuOnShow>();
  for (const skuId of skuIds) {
    const productId = owners[skuId];
    const product = productId ? products[productId] : undefined;
    const sku = product?.skus.find((s) => s.skuId === skuId);
    if (product && sku) shown.set(skuId, { product, sku });
  }
  return { shown, gone };
};

/** What a unit of the SKU costs an order from this channel now: the flash price while its sale runs here. */
export const unitPrice = (sku: ProductPageSku, channel: Channel): number =>
  flashSaleFor(sku, channel, Date.now())?.price ?? sku.price;
