import { useState } from 'hono/jsx';
import { typedFen } from '../../../../shared/money';
import { Notice } from '../../../ui/Notice';
import { ActionNotice, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { countOf, type OperatorProduct, type ProductSku } from './catalogRecords';
import { combinationsOf } from './productOptions';

/** One combination of the product's options that has no SKU yet, added with its price and stock. */
const MissingSku = ({
  productId,
  combination,
  onAdded,
}: {
  productId: string;
  combination: string[];
  onAdded: (sku: ProductSku) => void;
}) => {
  const action = useAction();
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  const add = async () => {
    const added = await action.run(() =>
      adminCall<ProductSku>('POST', `/api/admin/products/${productId}/skus`, {
        options: combination,
        price: typedFen(price),
        stock: countOf(stock),
      }),
    );
    if (added) onAdded(added);
  };
  const label = combination.join(' / ');
  return (
    <tr data-missing={combination.join('/')}>
      <td>{label}</td>
      <td data-invalid={action.on('price') ? '' : undefined}>
        <input
          aria-label={`Price of ${label}`}
          name="price"
          inputMode="decimal"
          value={price}
          onInput={(e: Event) => setPrice((e.target as HTMLInputElement).value)}
        />
        {action.on('price') && <Notice message={action.on('price')?.message ?? null} />}
      </td>
      <td data-invalid={action.on('stock') ? '' : undefined}>
        <input
          aria-label={`Stock of ${label}`}
          name="stock"
          inputMode="numeric"
          value={stock}
          onInput={(e: Event) => setStock((e.target as HTMLInputElement).value)}
        />
        {action.on('stock') && <Notice message={action.on('stock')?.message ?? null} />}
      </td>
      <td>
        <div class="row-actions">
          <button class="button" data-kind="quiet" type="button" disabled={action.busy} onClick={add}>
            Add SKU
          </button>
          <ActionNotice action={action} fields={['price', 'stock']} />
        </div>
      </td>
    </tr>
  );
};

/**
 * The combinations of the product's saved options that no SKU has yet (a value just added to an
 * option): each added as a SKU with `POST /api/admin/products/:productId/skus`.
 */
export const MissingSkus = ({ product, onAdded }: { product: OperatorProduct; onAdded: (sku: ProductSku) => void }) => {
  const have = new Set(product.skus.map((s) => JSON.stringify(s.options)));
  const missing =
    product.options.length === 0 ? [] : combinationsOf(product.options).filter((c) => !have.has(JSON.stringify(c)));
  if (missing.length === 0) return null;
  return (
    <section class="panel" aria-label="Combinations without a SKU">
      <h2>Combinations without a SKU</h2>
      <table class="grid new-skus" id="missing-skus">
        <thead>
          <tr>
            <th>SKU</th>
            <th>Price (¥)</th>
            <th>Stock</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {missing.map((combination) => (
            <MissingSku
              key={JSON.stringify(combination)}
              productId={product.productId}
              combination={combination}
              onAdded={onAdded}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
};
