import type { LiveListedProduct } from '../../../sdk/src/catalog';
import { endsAt, priceRange, yuan } from './money';

/** A product card of a grid, as the page renders it. */
export interface ProductCard {
  productId: string;
  title: string;
  imageUrl: string;
  price: string;
  flash: string;
  soldOut: boolean;
}

/** The cards of a listing page: what shoppers can buy, with their live price and stock. */
export const productCards = (products: LiveListedProduct[], now = Date.now()): ProductCard[] =>
  products
    .filter((p) => p.listed)
    .map((p) => ({
      productId: p.productId,
      title: p.title,
      imageUrl: p.imageUrl ?? '',
      price: priceRange(p.price),
      flash: p.flash && p.flash.endsAt > now ? `限时 ${yuan(p.flash.price)} · ${endsAt(p.flash.endsAt)}` : '',
      soldOut: p.stock === 0,
    }));
