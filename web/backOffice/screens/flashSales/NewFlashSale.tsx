import { useState } from 'hono/jsx';
import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../../../shared/channels';
import { typedFen } from '../../../../shared/money';
import { Notice } from '../../../ui/Notice';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

import { SkuPicker } from './SkuPicker';
import { type FlashSaleRecord, localTime } from './saleRecords';

const SALE_FIELDS = ['name', 'skuIds', 'price', 'startsAt', 'endsAt', 'channels', 'perMemberLimit'];
const HOUR_MS = 60 * 60 * 1000;

/** A moment typed in a `datetime-local` input, in the browser's zone; what is not one goes to the hub as typed. */
const instantOf = (typed: string): number | string => {
  const ms = new Date(typed).getTime();
  return Number.isNaN(ms) ? typed : ms;
};

/** A flash sale for all channels or chosen ones (`POST /api/admin/flash-sales`). */
export const NewFlashSale = ({
  initialSkus,
  onCreated,
}: {
  initialSkus: string[];
  onCreated: (sale: FlashSaleRecord) => void;
}) => {
  const action = useAction();
  const [skuIds, setSkuIds] = useState(initialSkus);
  const [everywhere, setEverywhere] = useState(true);
  const [channels, setChannels] = useState<Channel[]>([]);
  // The form's default times, fixed when it opens so a re-render keeps what the operator typed.
  const [now] = useState(Date.now);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const created = await action.run(() =>
      adminCall<FlashSaleRecord>('POST', '/api/admin/flash-sales', {
        name: values.name,
        skuIds,
        price: typedFen(values.price ?? ''),
        startsAt: instantOf(values.startsAt ?? ''),
        endsAt: instantOf(values.endsAt ?? ''),
        channels: everywhere ? 'all' : CHANNELS.filter((c) => channels.includes(c)),
        ...(values.perMemberLimit ? { perMemberLimit: Number(values.perMemberLimit) } : {}),
      }),
    );
    if (created) {
      form.reset();
      setSkuIds([]);
      onCreated(created);
    }
  };
  const channelsRefused = action.on('channels');
  return (
    <form class="panel form-grid" id="new-flash-sale" aria-label="New flash sale" onSubmit={submit} noValidate>
      <h2>New flash sale</h2>
      <Field label="Name" name="name" action={action} hint="What shoppers see beside the price, e.g. 双十二秒杀.">
        <input name="name" />
      </Field>
      <Field label="Flash price (yuan)" name="price" action={action}>
        <input name="price" inputMode="decimal" />
      </Field>
      <Field label="Starts" name="startsAt" action={action}>
        <input name="startsAt" type="datetime-local" value={localTime(now)} />
      </Field>
      <Field label="Ends" name="endsAt" action={action}>
        <input name="endsAt" type="datetime-local" value={localTime(now + 2 * HOUR_MS)} />
      </Field>
      <Field label="Per shopper (units)" name="perMemberLimit" action={action} hint="Empty: no limit.">
        <input name="perMemberLimit" inputMode="numeric" />
      </Field>
      <fieldset class="sale-channels" data-field="channels" data-invalid={channelsRefused ? '' : undefined}>
        <legend>Channels</legend>
        <label>
          <input type="radio" name="reach" checked={everywhere} onChange={() => setEverywhere(true)} />
          All channels
        </label>
        <label>
          <input type="radio" name="reach" checked={!everywhere} onChange={() => setEverywhere(false)} />
          Only these:
        </label>
        <div class="channel-choices">
          {CHANNELS.map((channel) => (
            <label>
              <input
                type="checkbox"
                value={channel}
                disabled={everywhere}
                checked={!everywhere && channels.includes(channel)}
                onChange={(event: Event) =>
                  setChannels((all) =>
                    (event.target as HTMLInputElement).checked ? [...all, channel] : all.filter((c) => c !== channel),
                  )
                }
              />
              {CHANNEL_NAMES[channel]}
            </label>
          ))}
        </div>
        {channelsRefused && <Notice message={channelsRefused.message} />}
      </fieldset>
      <SkuPicker picked={skuIds} onChange={setSkuIds} action={action} />
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Start flash sale
        </button>
        <ActionNotice action={action} fields={SALE_FIELDS} />
      </div>
    </form>
  );
};
