import { useState } from 'hono/jsx';
import type { Assets } from '../../../../shared/docs/account';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

export type Ledger = 'points' | 'balance';

const ADJUSTMENT_FIELDS = ['delta', 'reason'] as const;

/** What the operator typed as the ledger's unit: points as they are, a balance in yuan (to fen). */
const deltaOf = (ledger: Ledger, typed: string): number => {
  const number = Number(typed.trim() || '0');
  return ledger === 'balance' ? Math.round(number * 100) : number;
};

/**
 * Moves a member's points or balance with a reason: finance's move. The hub refuses a role
 * without `assets:write`, a zero amount or a missing reason; each is shown where it belongs and
 * what was typed stays.
 */
export const AssetAdjustment = ({
  memberId,
  onAdjusted,
}: {
  memberId: string;
  onAdjusted: (ledger: Ledger, assets: Assets) => void;
}) => {
  const action = useAction();
  const [ledger, setLedger] = useState<Ledger>('points');
  const adjust = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    const body = {
      delta: deltaOf(ledger, String(values.get('delta') ?? '')),
      reason: String(values.get('reason') ?? ''),
    };
    const assets = await action.run(() => adminCall<Assets>('POST', `/api/admin/members/${memberId}/${ledger}`, body));
    if (assets) {
      form.reset();
      onAdjusted(ledger, assets);
    }
  };
  return (
    <form class="panel form-grid" id="adjust-assets" aria-label="Adjust points or balance" onSubmit={adjust}>
      <h2>Adjust points or balance</h2>
      <Field label="Ledger" name="ledger" action={action}>
        <select
          name="ledger"
          onChange={(event: Event) => setLedger((event.target as HTMLSelectElement).value as Ledger)}
        >
          <option value="points" selected={ledger === 'points'}>
            Points
          </option>
          <option value="balance" selected={ledger === 'balance'}>
            Balance (¥)
          </option>
        </select>
      </Field>
      <Field
        label={ledger === 'points' ? 'Points (negative takes away)' : 'Amount in ¥ (negative takes away)'}
        name="delta"
        action={action}
      >
        <input name="delta" inputMode="decimal" autocomplete="off" />
      </Field>
      <Field label="Reason" name="reason" action={action} hint="Kept in the ledger with the entry.">
        <input name="reason" autocomplete="off" />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Adjust
        </button>
        <ActionNotice action={action} fields={ADJUSTMENT_FIELDS} />
      </div>
    </form>
  );
};
