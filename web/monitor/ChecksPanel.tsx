import type { CheckName, CheckResult, ForceSyncResult } from '../../shared/docs/monitor';

const clock = (at: number) => new Date(at).toLocaleTimeString();

/**
 * Each check: its name, and how to count what it read. Orders reads the members whose order
 * outbox failed a flush, not what D1 changed, so it never says "changed since".
 */
const ROWS: Array<[CheckName, string, { one: string; many: string; readsChanges: boolean }]> = [
  ['skus', 'Price / Stock', { one: 'SKU room', many: 'SKU rooms', readsChanges: true }],
  ['assets', 'Points / Balance', { one: 'account', many: 'accounts', readsChanges: true }],
  ['orders', 'Orders', { one: 'member with orders waiting', many: 'members with orders waiting', readsChanges: false }],
];

type Units = (typeof ROWS)[number][2];

/** What a check read: everything, or what changed since the check before (a result from before either: its count). */
const coverage = (result: CheckResult, units: Units): string => {
  const counted = `${result.checked} ${result.checked === 1 ? units.one : units.many}`;
  if (result.sweep === 'full') return `all ${counted}`;
  if (result.sweep === 'changed' && result.since !== null && units.readsChanges)
    return `${counted} changed since ${clock(result.since)}`;
  return counted;
};

/** One check's cells: Consistent, or how many records differ and which; when, over how much, what is in flight. */
const CheckRow = ({
  name,
  label,
  units,
  result,
}: {
  name: CheckName;
  label: string;
  units: Units;
  result?: CheckResult;
}) => (
  <tr data-check={name}>
    <td>{label}</td>
    {result ? (
      <td class="status" data-consistent={String(result.consistent)}>
        {result.consistent ? 'Consistent' : `${result.differing} of ${result.checked} differ`}
        {!result.consistent && (
          <span class="ids">{result.ids.join(', ') + (result.differing > result.ids.length ? ', …' : '')}</span>
        )}
      </td>
    ) : (
      <td class="status">Not checked yet</td>
    )}
    <td class="when">
      {result
        ? `${clock(result.checkedAt)} · ${coverage(result, units)}${result.inFlight > 0 ? ` · ${result.inFlight} in flight, D1 ${result.outboxLagMs ?? 0} ms behind` : ''}`
        : '—'}
    </td>
  </tr>
);

/** What the last Force Sync repaired, in a sentence. */
export const forceSyncSummary = (
  result: Pick<ForceSyncResult, 'at' | 'skus' | 'members'> & Partial<Pick<ForceSyncResult, 'orders'>>,
): string => {
  // A Force Sync shown before orders were checked has no `orders`.
  const { skus, members, orders = [] } = result;
  if (skus.length === 0 && members.length === 0 && orders.length === 0) {
    return `Force Sync at ${clock(result.at)}: nothing to repair.`;
  }
  const parts = [
    skus.length > 0 ? `${skus.length} SKU room(s) (${skus.join(', ')})` : '',
    members.length > 0 ? `${members.length} account(s) (${members.join(', ')})` : '',
    orders.length > 0 ? `the waiting orders of ${orders.length} member(s) (${orders.join(', ')})` : '',
  ].filter(Boolean);
  return `Force Sync at ${clock(result.at)} repaired ${parts.join(' and ')} from D1.`;
};

/** The consistency table, the button that runs the checks now, and what Force Sync last did. */
export const ChecksPanel = ({
  checks,
  result,
  running,
  onRun,
}: {
  checks: Map<string, CheckResult>;
  result: string;
  running: boolean;
  onRun: () => void;
}) => (
  <section class="panel">
    <div class="panel-head">
      <h2>Consistency</h2>
      <button id="run-checks" class="ghost" type="button" disabled={running} onClick={onRun}>
        Run checks
      </button>
    </div>
    <table class="checks" id="checks-table">
      <thead>
        <tr>
          <th>Sync object</th>
          <th>Status</th>
          <th>Checked</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([name, label, units]) => (
          <CheckRow name={name} label={label} units={units} result={checks.get(name)} />
        ))}
      </tbody>
    </table>
    <p id="force-result" class="result" role="status">
      {result}
    </p>
  </section>
);
