import type { LiveListedProduct } from '../../sdk/src/catalog';
import { Picture } from '../ui/Picture';
import { Price } from '../ui/Price';
import { useShop } from './shopContext';

/** One product of a listing: picture, title, live price (a flash price beside the regular one), sales. */
export const ProductCard = ({ product, eager }: { product: LiveListedProduct; eager?: boolean }) => {
  const { paths } = useShop();
  const soldOut = product.stock === 0;
  return (
    <a class="product-card" href={paths.product(product.productId)} data-product={product.productId}>
      <Picture url={product.imageUrl} alt={product.title} eager={eager} />
      <div class="product-card-body">
        <h3 class="product-card-title">{product.title}</h3>
        {product.subtitle && <p class="product-card-subtitle muted">{product.subtitle}</p>}
        <div class="product-card-foot">
          {product.flash ? (
            <>
              <span class="badge">Flash</span>
              <Price price={product.flash.price} was={product.price?.min ?? null} />
            </>
          ) : (
            <Price price={product.price} />
          )}
          {soldOut ? (
            <span class="badge" data-tone="muted">
              Sold out
            </span>
          ) : (
            <span class="muted product-card-sales">{product.sales} sold</span>
          )}
        </div>
      </div>
    </a>
  );
};

/** A listing's products; an empty one says so. */
export const ProductGrid = ({ products }: { products: LiveListedProduct[] }) =>
  products.length === 0 ? (
    <p class="empty muted">No products here yet.</p>
  ) : (
    <div class="product-grid">
      {products.map((product, i) => (
        <ProductCard product={product} eager={i < 4} />
      ))}
    </div>
  );
