import type { ScreenProps } from '../../screens';
import './products.css';
import { ProductEditor } from './ProductEditor';
import { ProductList } from './ProductList';

/** Products: the list at `/products`, a new one at `/products/new`, one product at `/products/:productId`. */
export const ProductsScreen = ({ place }: ScreenProps) => {
  const [, , id] = place.path.split('/');
  const productId = id && id !== 'new' ? decodeURIComponent(id) : null;
  return id ? <ProductEditor productId={productId} /> : <ProductList place={place} />;
};
