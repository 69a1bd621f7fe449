import type { AdminCouponView } from '../../../../shared/api/coupons';
import { CHANNEL_NAMES, CHANNELS } from '../../../../shared/channels';
import { ActionNotice, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { offerText } from './couponTerms';

const STATUS_TONES: Record<AdminCouponView['status'], string> = {
  scheduled: 'muted',
  active: 'ok',
  ended: 'muted',
  disabled: 'muted',
};

const day = (at: number) => new Date(at).toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });

/** One coupon: its offer, how many were claimed, where it stands; edited or disabled in place. */
export const CouponRow = ({
  coupon,
  onEdit,
  onChanged,
}: {
  coupon: AdminCouponView;
  onEdit: () => void;
  onChanged: (changed: AdminCouponView) => void;
}) => {
  const action = useAction();
  const disable = async () => {
    const changed = await action.run(() =>
      adminCall<AdminCouponView>('POST', `/api/admin/coupons/${coupon.id}/disable`),
    );
    if (changed) onChanged(changed);
  };
  return (
    <tr data-coupon={coupon.title}>
      <td>{coupon.title}</td>
      <td>{offerText(coupon)}</td>
      <td>{`${day(coupon.startsAt)} – ${day(coupon.endsAt)}`}</td>
      <td class="number">{`${coupon.claimed} / ${coupon.totalQuantity}`}</td>
      <td>
        {coupon.channels.length === CHANNELS.length
          ? 'All channels'
          : coupon.channels.map((channel) => CHANNEL_NAMES[channel]).join(', ')}
      </td>
      <td>
        <span class="badge" data-tone={STATUS_TONES[coupon.status]} data-status={coupon.status}>
          {coupon.status[0]?.toUpperCase() + coupon.status.slice(1)}
        </span>
      </td>
      <td>
        <div class="row-actions">
          <button class="button" data-kind="quiet" type="button" onClick={onEdit}>
            Edit
          </button>
          {coupon.status !== 'disabled' && (
            <button class="button" data-kind="quiet" type="button" disabled={action.busy} onClick={disable}>
              Disable
            </button>
          )}
          <ActionNotice action={action} />
        </div>
      </td>
    </tr>
  );
};
