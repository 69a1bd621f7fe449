import type { ScreenProps } from '../../screens';
import './products.css';
import { ProductEditor } from './ProductEditor';
import { ProductList } from './ProductList';

/**
 * Products: the list at `/products`, a new one at `/products/new`, one product at
 * `/products/:productId`. Each page is one keyed element, so moving between them replaces the
 * page whole (a page of several top-level parts left the previous list on screen, doubled).
 */
export const ProductsScreen = ({ place }: ScreenProps) => {
  const [, , id] = place.path.split('/');
  const productId = id && id !== 'new' ? decodeURIComponent(id) : null;
  const page = id ? (productId ?? 'new') : 'list';
  return (
    <div class="screen-page" key={page}>
      {id ? <ProductEditor productId={productId} /> : <ProductList place={place} />}
    </div>
  );
};
