import type { CheckName, CheckResult, ForceSyncResult } from '../../shared/docs/monitor';

const clock = (at: number) => new Date(at).toLocaleTimeString();

/** The consistency table: Consistent, or how many records differ and which. */
const UNITS: Record<CheckName, string> = { skus: 'SKU rooms', assets: 'accounts' };

export const showCheck = (table: HTMLElement, name: CheckName, result: CheckResult): void => {
  const row = table.querySelector<HTMLElement>(`[data-check="${name}"]`);
  const status = row?.querySelector<HTMLElement>('.status');
  const when = row?.querySelector<HTMLElement>('.when');
  if (!status || !when) return;
  status.dataset.consistent = String(result.consistent);
  status.replaceChildren(result.consistent ? 'Consistent' : `${result.differing} of ${result.checked} differ`);
  if (!result.consistent) {
    const ids = document.createElement('span');
    ids.className = 'ids';
    ids.textContent = result.ids.join(', ') + (result.differing > result.ids.length ? ', …' : '');
    status.append(ids);
  }
  const inFlight =
    result.inFlight > 0 ? ` · ${result.inFlight} in flight, D1 ${result.outboxLagMs ?? 0} ms behind` : '';
  when.textContent = `${clock(result.checkedAt)} · ${result.checked} ${UNITS[name]}${inFlight}`;
};

/** What the last Force Sync repaired, in a sentence. */
export const forceSyncSummary = (result: Pick<ForceSyncResult, 'at' | 'skus' | 'members'>): string => {
  const { skus, members } = result;
  if (skus.length === 0 && members.length === 0) return `Force Sync at ${clock(result.at)}: nothing to repair.`;
  const parts = [
    skus.length > 0 ? `${skus.length} SKU room(s) (${skus.join(', ')})` : '',
    members.length > 0 ? `${members.length} account(s) (${members.join(', ')})` : '',
  ].filter(Boolean);
  return `Force Sync at ${clock(result.at)} repaired ${parts.join(' and ')} from D1.`;
};
