import type { MiniShopMonitor, MiniShopRunMonitor } from '../../../../shared/docs/monitor';
import { clockTime, OUTCOMES, RUN_NAMES } from './runText';

const counted = (what: 'products' | 'orders', run: MiniShopRunMonitor) =>
  `${run.done[what]} / ${run.total[what] ?? '…'} ${what}`;

/** Where the shop's run stands, live from the monitor room: a bar while it goes, then how it ended. */
export const LiveRun = ({ shop, live }: { shop: MiniShopMonitor | undefined; live: boolean }) => {
  const run = shop?.running ?? null;
  if (run) {
    const phase = run.phase === 'orders' ? 'orders' : 'products';
    const total = run.total[phase];
    return (
      <div class="live-run" id="run-state" data-state="running" role="status">
        <strong>{`${RUN_NAMES[run.kind]} running · ${run.phase} phase`}</strong>
        {total !== null && run.phase !== 'setup' ? (
          <progress max={Math.max(total, 1)} value={run.done[phase]} />
        ) : (
          <progress />
        )}
        <span class="muted">
          {`${counted('products', run)} · ${counted('orders', run)}${run.errors > 0 ? ` · ${run.errors} error(s)` : ''}`}
        </span>
      </div>
    );
  }
  const last = shop?.lastRun ?? null;
  return (
    <div class="live-run" id="run-state" data-state={last ? 'done' : 'idle'} role="status">
      <strong>
        {last
          ? `${RUN_NAMES[last.kind]} ${OUTCOMES[last.outcome] ?? last.outcome} at ${clockTime(last.finishedAt)}`
          : 'No run yet'}
      </strong>
      {shop?.lastMigration && (
        <span class="muted">{`Last migration brought in ${shop.lastMigration.products} products and ${shop.lastMigration.orders} orders.`}</span>
      )}
      <span class="live-dot muted" data-live={live ? 'online' : 'offline'}>
        {live ? 'Live' : 'Reconnecting…'}
      </span>
    </div>
  );
};
