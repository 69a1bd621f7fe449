import { useEffect, useState } from 'hono/jsx';
import type { LiveProductPage } from '../../../sdk/src/catalog';
import type { ProductPageSku } from '../../../shared/api/productViews';
import { flashSaleFor } from '../../../shared/docs/sku';
import { Notice } from '../../ui/Notice';
import { Picture } from '../../ui/Picture';
import { Price } from '../../ui/Price';
import { useLive } from '../../ui/useLive';
import { Frame } from '../Frame';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';

const endsText = (endsAt: number) =>
  new Date(endsAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

/** The SKU the chosen values name; without options, the SKU picked by its name. */
const skuOf = (product: LiveProductPage, chosen: string[], picked: string | null): ProductPageSku | undefined =>
  product.options.length === 0
    ? (product.skus.find((sku) => sku.skuId === picked) ?? product.skus[0])
    : product.skus.find((sku) => product.options.every((_, i) => sku.options[i] === chosen[i]));

/** A product's page: pictures, options, the chosen SKU's live price, stock and flash sale, add to cart. */
export const ProductPage = ({ data }: { data: Extract<PageData, { page: 'product' }> }) => {
  const { storefront, paths, channel } = useShop();
  // Before the feed is open, a flash sale shows only on its channels, as the SDK shows it.
  const initial: LiveProductPage = {
    ...data.product,
    skus: data.product.skus.map((sku) => ({ ...sku, flash: flashSaleFor(sku, channel, Date.now()) })),
    listed: true,
  };
  const [product] = useLive<LiveProductPage>(
    storefront && (() => storefront.product(data.product.productId, data.product)),
    initial,
  );
  const buyable = product.skus.filter((s) => s.listed);
  const [chosen, setChosen] = useState<string[]>(buyable[0]?.options ?? []);
  const [picked, setPicked] = useState<string | null>(buyable[0]?.skuId ?? null);
  const [qty, setQty] = useState(1);
  const [added, setAdded] = useState<string | null>(null);
  const [favorites] = useLive(storefront && (() => storefront.favorites), []);
  const sku = skuOf(product, chosen, picked);
  const [picture, setPicture] = useState(0);

  useEffect(() => {
    if (sku) storefront?.history.record(sku.skuId);
  }, [sku?.skuId]);

  const canBuy = product.listed && sku?.listed && sku.stock > 0;
  const favorite = sku !== undefined && favorites.some((f) => f.skuId === sku.skuId);
  const images = product.images.length > 0 ? product.images.map((i) => i.url) : [null];
  const shown = sku?.imageUrl ?? images[picture] ?? null;

  return (
    <Frame title={product.title} back={paths.home} categories={data.categories}>
      <article class="product" data-product={product.productId}>
        <section class="product-gallery">
          <Picture url={shown} alt={product.title} eager />
          {images.length > 1 && (
            <div class="product-thumbs">
              {images.map((url, i) => (
                <button
                  type="button"
                  class="product-thumb"
                  aria-label={`Picture ${i + 1}`}
                  onClick={() => setPicture(i)}
                >
                  <Picture url={url} alt="" />
                </button>
              ))}
            </div>
          )}
        </section>
        <section class="product-buy">
          <h1 class="product-title">{product.title}</h1>
          {product.subtitle && <p class="muted">{product.subtitle}</p>}
          <div class="product-price" data-live-price>
            {sku?.flash ? (
              <>
                <span class="badge">Flash{sku.flash.name ? ` · ${sku.flash.name}` : ''}</span>
                <Price price={sku.flash.price} was={sku.price} />
                <span class="muted product-flash-ends">ends {endsText(sku.flash.endsAt)}</span>
              </>
            ) : (
              <Price price={sku ? sku.price : product.price} />
            )}
          </div>
          <p class="muted product-stock" data-stock={sku?.stock ?? product.stock}>
            {!product.listed
              ? 'No longer for sale'
              : sku && !sku.listed
                ? 'This option is not for sale'
                : (sku?.stock ?? product.stock) > 0
                  ? `In stock: ${sku?.stock ?? product.stock}`
                  : 'Sold out'}{' '}
            · {product.sales} sold
          </p>
          {product.options.map((option, i) => (
            <fieldset class="option">
              <legend>{option.name}</legend>
              {option.values.map((value) => (
                <button
                  type="button"
                  class="option-value"
                  aria-pressed={String(chosen[i] === value)}
                  onClick={() => {
                    const next = [...chosen];
                    next[i] = value;
                    setChosen(next);
                    setAdded(null);
                  }}
                >
                  {value}
                </button>
              ))}
            </fieldset>
          ))}
          {product.options.length === 0 && product.skus.length > 1 && (
            <fieldset class="option">
              <legend>Choose</legend>
              {product.skus.map((choice) => (
                <button
                  type="button"
                  class="option-value"
                  aria-pressed={String(choice.skuId === sku?.skuId)}
                  onClick={() => {
                    setPicked(choice.skuId);
                    setAdded(null);
                  }}
                >
                  {choice.name}
                </button>
              ))}
            </fieldset>
          )}
          <div class="product-actions">
            <label class="qty">
              <span class="visually-hidden">Quantity</span>
              <button type="button" aria-label="One less" onClick={() => setQty(Math.max(1, qty - 1))}>
                −
              </button>
              <output>{qty}</output>
              <button type="button" aria-label="One more" onClick={() => setQty(qty + 1)}>
                +
              </button>
            </label>
            <button
              type="button"
              class="button"
              disabled={!canBuy || !storefront}
              onClick={() => {
                if (!sku || !storefront) return;
                storefront.cart.add(sku.skuId, qty);
                setAdded(sku.skuId);
              }}
            >
              Add to cart
            </button>
            <button
              type="button"
              class="button"
              data-kind="ghost"
              aria-pressed={String(favorite)}
              disabled={!sku || !storefront}
              onClick={() => sku && storefront?.favorites.toggle(sku.skuId)}
            >
              {favorite ? '♥ Saved' : '♡ Save'}
            </button>
          </div>
          {added && (
            <p class="notice" data-tone="info" role="status">
              Added to your cart. <a href={paths.cart}>Go to cart ›</a>
            </p>
          )}
          <Notice message={!product.listed ? 'This product has been taken off sale.' : null} />
          {product.attributes.length > 0 && (
            <dl class="attributes">
              {product.attributes.map((a) => (
                <div>
                  <dt>{a.key}</dt>
                  <dd>{a.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      </article>
      {product.description && (
        <section class="product-description" dangerouslySetInnerHTML={{ __html: product.description }} />
      )}
    </Frame>
  );
};
