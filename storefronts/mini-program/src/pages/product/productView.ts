import type { LiveProductPage } from '../../../../../sdk/src/catalog';
import type { ProductPageSku } from '../../../../../shared/api/productViews';
import { endsAt, priceRange, yuan } from '../../money';
import { buyable, runningFlash } from '../../skuPrice';

export interface OptionRow {
  name: string;
  index: number;
  values: Array<{ value: string; chosen: boolean; available: boolean }>;
}

/** What the product page renders for the shopper's choice of option values. */
export interface ProductView {
  pictures: string[];
  title: string;
  subtitle: string;
  price: string;
  flash: string;
  stock: string;
  options: OptionRow[];
  skuId: string;
  listed: boolean;
}

/** The SKU the chosen values name, once every option has one (a product without options has one SKU). */
export const chosenSku = (page: LiveProductPage, chosen: string[]): ProductPageSku | null => {
  if (page.options.length === 0) return page.skus[0] ?? null;
  if (page.options.some((_, i) => !chosen[i])) return null;
  return page.skus.find((sku) => sku.options.every((value, i) => value === chosen[i])) ?? null;
};

/** The SKU a favorite saves: the chosen one, or the product's first before a choice is made. */
export const favoriteSku = (page: LiveProductPage, chosen: string[]): ProductPageSku | null =>
  chosenSku(page, chosen) ?? page.skus[0] ?? null;

/** Options with one value only are chosen for the shopper. */
export const firstChoice = (page: LiveProductPage): string[] =>
  page.options.map((option) => (option.values.length === 1 ? (option.values[0] ?? '') : ''));

export const productView = (page: LiveProductPage, chosen: string[], now = Date.now()): ProductView => {
  const sku = chosenSku(page, chosen);
  const flash = runningFlash(sku, now);
  const pictures = page.images.map((image) => image.url);
  if (sku?.imageUrl && !pictures.includes(sku.imageUrl)) pictures.unshift(sku.imageUrl);
  return {
    pictures,
    title: page.title,
    subtitle: page.subtitle,
    price: sku ? yuan(sku.price) : priceRange(page.price),
    flash: flash ? `${flash.name} ${yuan(flash.price)} · ${endsAt(flash.endsAt)}` : '',
    stock: sku ? (buyable(sku) ? `库存 ${sku.stock} 件` : '已售罄') : `库存 ${page.stock} 件`,
    options: page.options.map((option, index) => ({
      name: option.name,
      index,
      values: option.values.map((value) => ({
        value,
        chosen: chosen[index] === value,
        available: page.skus.some((s) => s.options[index] === value && buyable(s)),
      })),
    })),
    skuId: sku && buyable(sku) ? sku.skuId : '',
    listed: page.listed,
  };
};
