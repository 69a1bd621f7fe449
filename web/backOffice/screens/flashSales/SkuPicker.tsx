import { useEffect, useState } from 'hono/jsx';
import { Notice } from '../../../ui/Notice';
import type { Action } from '../../refusals';
import { type OperatorProduct, productPage } from '../products/catalogRecords';
import { skuTitles } from './saleRecords';

/**
 * The SKUs a sale is for: found by their product's title, or handed over from the Products
 * screen's picked rows (`?skus=…`); the hub's refusal naming one (`skuIds.1`) shows here.
 */
export const SkuPicker = ({
  picked,
  onChange,
  action,
}: {
  picked: string[];
  onChange: (skuIds: string[]) => void;
  action: Action;
}) => {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<OperatorProduct[]>([]);
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    void skuTitles(picked).then((known) => setTitles((all) => ({ ...known, ...all })));
  }, []);
  const search = async () => {
    const page = await productPage(q.trim() ? { q: q.trim() } : {});
    setFound(page.products);
    setTitles((all) => ({
      ...all,
      ...Object.fromEntries(page.products.flatMap((p) => p.skus.map((s) => [s.skuId, s.title]))),
    }));
  };
  const toggle = (skuId: string, on: boolean) =>
    onChange(on ? [...picked.filter((id) => id !== skuId), skuId] : picked.filter((id) => id !== skuId));
  const refused = action.on('skuIds');
  return (
    <fieldset class="wide sku-picker" data-field="skuIds" data-invalid={refused ? '' : undefined}>
      <legend>SKUs in the sale</legend>
      <ul class="picked-skus">
        {picked.map((id) => (
          <li data-picked={id}>
            {titles[id] ?? id}
            <button type="button" aria-label={`Take ${titles[id] ?? id} out`} onClick={() => toggle(id, false)}>
              ✕
            </button>
          </li>
        ))}
        {picked.length === 0 && <li class="muted">None yet: find them by their product.</li>}
      </ul>
      <div class="sku-search">
        <input
          type="search"
          aria-label="Find products by title"
          placeholder="Product title"
          value={q}
          onInput={(event: Event) => setQ((event.target as HTMLInputElement).value)}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            void search();
          }}
        />
        <button class="button" data-kind="quiet" type="button" onClick={() => void search()}>
          Find
        </button>
      </div>
      {found.map((product) => (
        <div class="found-product">
          <strong>{product.title}</strong>
          {product.skus.map((sku) => (
            <label>
              <input
                type="checkbox"
                checked={picked.includes(sku.skuId)}
                onChange={(event: Event) => toggle(sku.skuId, (event.target as HTMLInputElement).checked)}
              />
              {sku.name || sku.title}
            </label>
          ))}
        </div>
      ))}
      {refused && <Notice message={refused.message} />}
    </fieldset>
  );
};
