import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { CARRIERS } from './orderWords';

const PARCEL_FIELDS = ['deliveryId', 'waybillId'] as const;

/**
 * Ships one order with its carrier and waybill. The hub checks what the Mini-Shop checks (not
 * shipped yet, not in after-sale) and names a missing field; either is shown where it belongs,
 * and what was typed stays.
 */
export const ShipForm = ({ orderId, onShipped }: { orderId: string; onShipped: () => void }) => {
  const action = useAction();
  const ship = async (event: Event) => {
    event.preventDefault();
    const values = new FormData(event.currentTarget as HTMLFormElement);
    const parcel = Object.fromEntries(
      PARCEL_FIELDS.flatMap((field) => {
        const value = String(values.get(field) ?? '').trim();
        return value ? [[field, value]] : [];
      }),
    );
    const shipped = await action.run(() => adminCall('POST', `/api/admin/orders/${orderId}/ship`, parcel));
    if (shipped) onShipped();
  };
  return (
    <form class="panel form-grid" id="ship-order" aria-label="Ship this order" onSubmit={ship}>
      <h2>Ship</h2>
      <Field label="Carrier" name="deliveryId" action={action}>
        <select name="deliveryId">
          <option value="">Choose a carrier</option>
          {CARRIERS.map(([code, name]) => (
            <option value={code}>{name}</option>
          ))}
        </select>
      </Field>
      <Field label="Waybill number" name="waybillId" action={action} hint="Same-city and pickup orders need none.">
        <input name="waybillId" autocomplete="off" />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Ship order
        </button>
        <ActionNotice action={action} fields={PARCEL_FIELDS} />
      </div>
    </form>
  );
};
