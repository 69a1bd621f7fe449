import { Notice } from '../../../ui/Notice';
import type { Action } from '../../refusals';

export interface TypedSku {
  price: string;
  stock: string;
}

/** A new product's SKUs, one per combination of its options, with the price and stock of each. */
export const NewSkuGrid = ({
  combinations,
  skus,
  onChange,
  action,
}: {
  combinations: string[][];
  skus: Record<string, TypedSku>;
  onChange: (key: string, sku: TypedSku) => void;
  action: Action;
}) => (
  <div class="wide" data-field="skus">
    <table class="grid new-skus" id="new-skus">
      <thead>
        <tr>
          <th>SKU</th>
          <th>Price (¥)</th>
          <th>Stock</th>
        </tr>
      </thead>
      <tbody>
        {combinations.map((combination, i) => {
          const key = JSON.stringify(combination);
          const sku = skus[key] ?? { price: '', stock: '' };
          const cell = (field: 'price' | 'stock', label: string) => {
            const refused = action.on(`skus.${i}.${field}`);
            return (
              <td data-invalid={refused ? '' : undefined} data-field={`skus.${i}.${field}`}>
                <input
                  aria-label={`${label} of ${combination.join(' / ') || 'the SKU'}`}
                  name={`skus.${i}.${field}`}
                  inputMode={field === 'price' ? 'decimal' : 'numeric'}
                  value={sku[field]}
                  onInput={(event: Event) =>
                    onChange(key, { ...sku, [field]: (event.target as HTMLInputElement).value })
                  }
                />
                {refused && <Notice message={refused.message} />}
              </td>
            );
          };
          return (
            <tr data-combination={combination.join('/')}>
              <td>{combination.join(' / ') || 'The one SKU'}</td>
              {cell('price', 'Price')}
              {cell('stock', 'Stock')}
            </tr>
          );
        })}
      </tbody>
    </table>
    {action.on('skus') && !/\.(price|stock)$/.test(action.on('skus')?.field ?? '') && (
      <Notice message={action.on('skus')?.message ?? null} />
    )}
  </div>
);
