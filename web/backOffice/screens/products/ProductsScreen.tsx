import type { ScreenProps } from '../../screens';
import './products.css';
import { ProductEditor } from './ProductEditor';
import { ProductList } from './ProductList';

/** Products: the list at `/products`, a new one at `/products/new`, one product at `/products/:productId`. */
export const ProductsScreen = ({ place }: ScreenProps) => {
  const [, , id] = place.path.split('/');
  if (!id) return <ProductList place={place} />;
  const productId = id === 'new' ? null : decodeURIComponent(id);
  // Keyed by the product, so moving from one to another starts a fresh form.
  return <ProductEditor key={productId ?? 'new'} productId={productId} />;
};
