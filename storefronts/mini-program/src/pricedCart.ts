import type { Closable, LiveProductPage } from '../../../sdk/src/catalog';
import type { CartItem } from '../../../sdk/src/memberDocument';
import { yuan } from './money';
import { buyable, unitPrice } from './skuPrice';
import { mall, shop } from './storefront';
import { called, wechat } from './wechat';

/** A cart line as the cart and checkout show it: the cart's SKU and quantity, priced by its product page. */
export interface PricedLine {
  skuId: string;
  title: string;
  name: string;
  imageUrl: string;
  qty: number;
  selected: boolean;
  buyable: boolean;
  /** One unit now, in fen (the flash price while a sale runs). */
  price: number;
  priceText: string;
}

/** What the selected, buyable lines cost, in fen. */
export const selectedTotal = (lines: PricedLine[]): number =>
  lines.filter((l) => l.selected && l.buyable).reduce((sum, l) => sum + l.price * l.qty, 0);

/**
 * Which product a SKU belongs to. The cart names only SKUs (`sdk/src/memberDocument.ts`); a product
 * page the shopper opened says it, else the SKU's public state (`GET /api/skus/:skuId`).
 */
const productOf = async (skuId: string): Promise<string> => {
  const known = mall().skuProducts.get(skuId);
  if (known) return known;
  const answer = await called<{ statusCode: number; data: unknown }>((callbacks) =>
    wechat().request({ url: `${mall().hubUrl}/api/skus/${skuId}`, ...callbacks }),
  );
  if (answer.statusCode !== 200) throw new Error(`GET /api/skus/${skuId}: ${answer.statusCode}`);
  const { productId } = answer.data as { productId: string };
  mall().skuProducts.set(skuId, productId);
  return productId;
};

/**
 * The cart's lines priced live: each line's product page is held open (one feed per product), so a
 * price or stock change shows at once. Answers how to stop.
 */
export const pricedCart = (changed: (lines: PricedLine[]) => void): (() => void) => {
  const products = new Map<string, Promise<Closable<LiveProductPage>>>();
  const opened = new Map<string, LiveProductPage>();
  const closers: Array<() => void> = [];
  let stopped = false;

  const line = (item: CartItem): PricedLine | null => {
    const page = opened.get(mall().skuProducts.get(item.skuId) ?? '');
    const sku = page?.skus.find((s) => s.skuId === item.skuId);
    if (!page || !sku) return null;
    const price = unitPrice(sku);
    return {
      skuId: item.skuId,
      title: page.title,
      name: sku.name,
      imageUrl: sku.imageUrl ?? page.images[0]?.url ?? '',
      qty: item.qty,
      selected: item.selected,
      buyable: buyable(sku) && page.listed,
      price,
      priceText: yuan(price),
    };
  };
  const render = () => {
    if (!stopped)
      changed(
        shop()
          .cart.get()
          .flatMap((item) => line(item) ?? []),
      );
  };
  const open = async (skuId: string) => {
    const productId = await productOf(skuId);
    if (stopped || products.has(productId)) return;
    const view = shop().product(productId);
    products.set(productId, view);
    const product = await view;
    if (stopped) {
      product.close();
      return;
    }
    opened.set(productId, product.get());
    closers.push(
      product.subscribe((page) => {
        opened.set(productId, page);
        render();
      }),
      () => product.close(),
    );
    render();
  };
  const follow = (items: CartItem[]) => {
    // A line whose product cannot be read now is tried again on the cart's next change.
    for (const item of items) open(item.skuId).catch(() => {});
    render();
  };
  follow(shop().cart.get());
  closers.push(shop().cart.subscribe(follow));
  return () => {
    stopped = true;
    for (const close of closers) close();
  };
};
