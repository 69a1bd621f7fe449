import { useEffect, useRef, useState } from 'hono/jsx';
import type { AdminCouponView } from '../../../../shared/api/coupons';
import { CHANNEL_NAMES, CHANNELS } from '../../../../shared/channels';
import { typedYuan } from '../../../../shared/money';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { COUPON_TERMS, changedTerms, couponOfForm, localMinute, valueInput } from './couponTerms';

const DAY_MS = 86_400_000;

/**
 * A new coupon, or the edit of `coupon`: the hub's refusal naming a term is shown under it, any
 * other beside the button; what was typed stays.
 */
export const CouponForm = ({
  coupon,
  onSaved,
  onCancel,
}: {
  coupon?: AdminCouponView;
  onSaved: (saved: AdminCouponView) => void;
  onCancel?: () => void;
}) => {
  const action = useAction();
  // Fixed when the form opens, so a re-render never moves the dates the operator typed.
  const [now] = useState(() => Date.now());
  const form = useRef<HTMLFormElement>(null);
  // An edit opens above the list: bring it to the operator who clicked Edit further down.
  useEffect(() => {
    if (coupon) form.current?.scrollIntoView({ block: 'start' });
  }, [coupon?.id]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const filled = event.currentTarget as HTMLFormElement;
    const terms = couponOfForm(filled);
    const saved = await action.run(() =>
      coupon
        ? adminCall<AdminCouponView>('PATCH', `/api/admin/coupons/${coupon.id}`, changedTerms(coupon, terms))
        : adminCall<AdminCouponView>('POST', '/api/admin/coupons', terms),
    );
    if (saved) {
      if (!coupon) filled.reset();
      onSaved(saved);
    }
  };
  return (
    <form
      ref={form}
      class="panel form-grid"
      id={coupon ? 'edit-coupon' : 'new-coupon'}
      aria-label={coupon ? `Edit coupon ${coupon.title}` : 'New coupon'}
      onSubmit={submit}
    >
      <h2>{coupon ? `Edit “${coupon.title}”` : 'New coupon'}</h2>
      <Field label="Title" name="title" action={action}>
        <input name="title" value={coupon?.title ?? ''} required />
      </Field>
      <Field label="Kind" name="kind" action={action}>
        <select name="kind">
          <option value="amount" selected={coupon?.kind !== 'percent'}>
            Amount off (¥)
          </option>
          <option value="percent" selected={coupon?.kind === 'percent'}>
            Percent off (%)
          </option>
        </select>
      </Field>
      <Field label="Value" name="value" action={action} hint="Yuan off, or percent off (1–99).">
        <input name="value" inputMode="decimal" value={coupon ? valueInput(coupon) : ''} required />
      </Field>
      <Field label="Minimum spend (¥)" name="minSpend" action={action}>
        <input name="minSpend" inputMode="decimal" value={coupon ? typedYuan(coupon.minSpend) : '0'} />
      </Field>
      <Field label="Starts" name="startsAt" action={action}>
        <input name="startsAt" type="datetime-local" value={localMinute(coupon?.startsAt ?? now)} required />
      </Field>
      <Field label="Ends" name="endsAt" action={action}>
        <input name="endsAt" type="datetime-local" value={localMinute(coupon?.endsAt ?? now + 30 * DAY_MS)} required />
      </Field>
      <Field label="Coupons in total" name="totalQuantity" action={action}>
        <input name="totalQuantity" inputMode="numeric" value={String(coupon?.totalQuantity ?? 1000)} required />
      </Field>
      <Field label="Per member" name="perMemberLimit" action={action}>
        <input name="perMemberLimit" inputMode="numeric" value={String(coupon?.perMemberLimit ?? 1)} />
      </Field>
      <Field label="Channels" name="channels" action={action}>
        <span class="channel-choices">
          {CHANNELS.map((channel) => (
            <label>
              <input
                type="checkbox"
                name="channels"
                value={channel}
                checked={coupon ? coupon.channels.includes(channel) : true}
              />
              {CHANNEL_NAMES[channel]}
            </label>
          ))}
        </span>
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          {coupon ? 'Save coupon' : 'Create coupon'}
        </button>
        {onCancel && (
          <button class="button" data-kind="quiet" type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <ActionNotice action={action} fields={COUPON_TERMS} />
      </div>
    </form>
  );
};
