import { HubError } from '../../../../sdk/src/http';
import type { SkuState } from '../../../../shared/docs/sku';
import { typedFen } from '../../../../shared/money';
import { ActionNotice, Field, refusalText, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { countOf } from './catalogRecords';

/** What a batch did to one SKU, shown on its row. */
export interface RowOutcome {
  tone: 'ok' | 'refused';
  text: string;
}

/**
 * Each picked SKU's outcome: the hub applies a batch all or none, so a refusal naming one edit
 * (`edits.2.listed`) is that row's, and the other rows say they were left as they were.
 */
const outcomesOf = (skuIds: string[], error: unknown): Record<string, RowOutcome> => {
  const field = error instanceof HubError ? (error.field ?? '') : '';
  const refusedAt = /^edits\.(\d+)/.exec(field);
  const refusedSku = refusedAt ? skuIds[Number(refusedAt[1])] : undefined;
  return Object.fromEntries(
    skuIds.map((id) => [
      id,
      refusedSku === undefined || refusedSku === id
        ? { tone: 'refused', text: refusalText(error) }
        : { tone: 'refused', text: 'Not saved: another SKU of the batch was refused.' },
    ]),
  );
};

/** Price, stock or listing set for every picked SKU at once (`POST /api/admin/skus/batch`). */
export const BatchEdit = ({
  picked,
  onOutcomes,
}: {
  picked: string[];
  onOutcomes: (outcomes: Record<string, RowOutcome>) => void;
}) => {
  const action = useAction();
  const apply = async (event: Event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement).entries()) as Record<
      string,
      string
    >;
    const patch = {
      ...(values.price ? { price: typedFen(values.price) } : {}),
      ...(values.stock ? { stock: countOf(values.stock) } : {}),
      ...(values.listed ? { listed: values.listed === 'listed' } : {}),
    };
    const answer = await action.run(async () => {
      try {
        return await adminCall<{ skus: SkuState[] }>('POST', '/api/admin/skus/batch', {
          edits: picked.map((skuId) => ({ skuId, ...patch })),
        });
      } catch (error) {
        onOutcomes(outcomesOf(picked, error));
        throw error;
      }
    });
    if (answer) onOutcomes(Object.fromEntries(answer.skus.map((s) => [s.skuId, { tone: 'ok', text: 'Saved' }])));
  };
  return (
    <form class="panel toolbar batch-edit" aria-label="Batch edit" onSubmit={apply} noValidate>
      <strong class="batch-count">
        {picked.length} SKU{picked.length === 1 ? '' : 's'} picked
      </strong>
      <Field label="Price for all (yuan)" name="price" action={action}>
        <input name="price" inputMode="decimal" placeholder="unchanged" />
      </Field>
      <Field label="Stock for all" name="stock" action={action}>
        <input name="stock" inputMode="numeric" placeholder="unchanged" />
      </Field>
      <Field label="Listing" name="listed" action={action}>
        <select name="listed">
          <option value="">unchanged</option>
          <option value="listed">On sale</option>
          <option value="unlisted">Off sale</option>
        </select>
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={picked.length === 0 || action.busy}>
          Apply to picked
        </button>
        <Link class="button" data-kind="quiet" href={screenHref('/flash-sales', { skus: picked.join(',') })}>
          Flash sale for these
        </Link>
        <ActionNotice action={action} />
      </div>
    </form>
  );
};
