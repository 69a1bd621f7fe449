import { useState } from 'hono/jsx';
import type { SkuState } from '../../../../shared/docs/sku';
import { typedFen, typedYuan, yuan } from '../../../../shared/money';
import { Notice } from '../../../ui/Notice';
import { ActionNotice, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { countOf } from './catalogRecords';

export interface SkuValues {
  skuId: string;
  price: number;
  stock: number;
  rev: number;
}

interface Draft {
  price: string;
  stock: string;
  /** The SKU's rev when the operator started typing: a newer one is someone else's edit. */
  fromRev: number;
}

/**
 * A SKU's price and stock, edited in place (`PATCH /api/admin/skus/:skuId`). While untouched the
 * inputs follow the live value; once the operator types, an edit landing meanwhile is shown as
 * a conflict beside them rather than overwriting what they typed.
 */
export const SkuPriceStock = ({ sku: shown, label }: { sku: SkuValues; label: string }) => {
  const action = useAction();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<SkuState | null>(null);
  // The hub's answer to this tab's save, until the live room shows that rev or a newer one.
  const sku = saved && saved.rev > shown.rev ? saved : shown;
  const edit = (field: 'price' | 'stock', value: string) => {
    setSaved(null);
    setDraft((d) => ({
      price: d?.price ?? typedYuan(sku.price),
      stock: d?.stock ?? String(sku.stock),
      fromRev: d?.fromRev ?? sku.rev,
      [field]: value,
    }));
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    const changed = await action.run(() =>
      adminCall<SkuState>('PATCH', `/api/admin/skus/${sku.skuId}`, {
        price: typedFen(draft.price),
        stock: countOf(draft.stock),
      }),
    );
    if (changed) {
      setDraft(null);
      setSaved(changed);
    }
  };
  // While this tab's own save is on its way, the change the room shows is that save's.
  const conflict = draft !== null && !action.busy && sku.rev > draft.fromRev;
  return (
    <form class="sku-edit" data-sku-edit={sku.skuId} onSubmit={save} noValidate>
      <label class="sku-value" data-invalid={action.on('price') ? '' : undefined}>
        <span class="visually-hidden">Price of {label} (yuan)</span>
        <input
          name="price"
          inputMode="decimal"
          value={draft?.price ?? typedYuan(sku.price)}
          onInput={(event: Event) => edit('price', (event.target as HTMLInputElement).value)}
        />
        {action.on('price') && <Notice message={action.on('price')?.message ?? null} />}
      </label>
      <label class="sku-value" data-invalid={action.on('stock') ? '' : undefined}>
        <span class="visually-hidden">Stock of {label}</span>
        <input
          name="stock"
          inputMode="numeric"
          value={draft?.stock ?? String(sku.stock)}
          onInput={(event: Event) => edit('stock', (event.target as HTMLInputElement).value)}
        />
        {action.on('stock') && <Notice message={action.on('stock')?.message ?? null} />}
      </label>
      <div class="row-actions">
        <button class="button" data-kind="quiet" type="submit" disabled={!draft || action.busy}>
          Save
        </button>
        {saved && !draft && (
          <span class="badge" data-tone="ok">
            Saved
          </span>
        )}
        {conflict && (
          <span class="sku-conflict" role="status">
            Changed meanwhile to {yuan(sku.price)}, {sku.stock} in stock: saving replaces it.
          </span>
        )}
        <ActionNotice action={action} fields={['price', 'stock']} />
      </div>
    </form>
  );
};
