import { useEffect, useState } from 'hono/jsx';
import type { LedgerEntry } from '../../../../shared/api/members';
import { yuan } from '../../../../shared/money';
import { ActionNotice, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import { mallTime } from '../mallTime';
import type { Ledger } from './AssetAdjustment';

const signed = (ledger: Ledger, delta: number) => {
  const text = ledger === 'balance' ? yuan(Math.abs(delta)) : String(Math.abs(delta));
  return `${delta < 0 ? '−' : '+'}${text}`;
};

/** Who moved an entry, in words (`operator` in `schema/ledgers.ts`). */
const byWhom = (operator: string) =>
  operator === 'admin'
    ? 'Back office'
    : operator === 'system'
      ? 'The mall'
      : operator.startsWith('member:')
        ? 'The member'
        : operator;

/** The newest entries of one ledger; read again when `shown` moves to it or an adjustment lands (`version`). */
export const LedgerHistory = ({
  memberId,
  shown,
  onShow,
  version,
}: {
  memberId: string;
  shown: Ledger;
  onShow: (ledger: Ledger) => void;
  version: number;
}) => {
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(async () =>
      setEntries(
        (
          await adminCall<{ entries: LedgerEntry[] }>(
            'GET',
            `/api/admin/members/${memberId}/ledger?kind=${shown}&limit=20`,
          )
        ).entries,
      ),
    );
  }, [memberId, shown, version]);
  return (
    <section class="panel" id="ledger" data-ledger={shown}>
      <div class="list-head">
        <h2>Ledger</h2>
        <div class="segmented" role="tablist">
          {(['points', 'balance'] as const).map((ledger) => (
            <button
              type="button"
              role="tab"
              class="button"
              data-kind={ledger === shown ? undefined : 'quiet'}
              aria-selected={ledger === shown}
              onClick={() => onShow(ledger)}
            >
              {ledger === 'points' ? 'Points' : 'Balance'}
            </button>
          ))}
        </div>
      </div>
      <ActionNotice action={load} />
      {entries && entries.length === 0 ? (
        <p class="muted">No entries yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <thead>
              <tr>
                <th>When</th>
                <th class="number">Change</th>
                <th>Reason</th>
                <th>Order</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {(entries ?? []).map((entry) => (
                <tr data-entry={entry.id}>
                  <td>{mallTime(entry.at)}</td>
                  <td class="number" data-tone={entry.delta < 0 ? 'out' : 'in'}>
                    {signed(shown, entry.delta)}
                  </td>
                  <td class="reason">{entry.reason}</td>
                  <td>{entry.orderId ?? '—'}</td>
                  <td>{byWhom(entry.operator)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};
