import type { MiniShopMonitor, MiniShopRunMonitor } from '../../shared/docs/monitor';

const clock = (at: number) => new Date(at).toLocaleTimeString();
const RUN_NAMES: Record<MiniShopRunMonitor['kind'], string> = {
  migration: 'Migration',
  orders: 'Order sync',
  products: 'Product sync',
};

/** "products 40 / 255": how far one phase of a run got. */
const counted = (what: 'products' | 'orders', run: MiniShopRunMonitor) =>
  `${what} ${run.done[what]} / ${run.total[what] ?? '…'}`;

const RunLine = ({ run }: { run: MiniShopRunMonitor }) => {
  const phase = run.phase === 'orders' ? 'orders' : 'products';
  const total = run.total[phase];
  const measured = total !== null && run.phase !== 'setup';
  return (
    <div class="run">
      <span>
        {`${RUN_NAMES[run.kind]} since ${clock(run.startedAt)}, ${run.phase} phase: ${counted('products', run)} · ${counted('orders', run)}${run.errors > 0 ? ` · ${run.errors} error(s)` : ''}`}
      </span>
      {measured ? <progress max={Math.max(total, 1)} value={run.done[phase]} /> : <progress />}
    </div>
  );
};

const ShopItem = ({ appid, shop }: { appid: string; shop: MiniShopMonitor }) => {
  // The channel cards' pills: syncing while a run goes, red once unbound.
  const state = shop.status === 'unbound' ? 'lagging' : shop.running ? 'syncing' : 'idle';
  const migration = shop.lastMigration
    ? `Last migration ${clock(shop.lastMigration.finishedAt)}: ${shop.lastMigration.products} products, ${shop.lastMigration.orders} orders`
    : 'Not migrated yet';
  const run = shop.lastRun
    ? ` · last run ${shop.lastRun.kind} ${shop.lastRun.outcome} at ${clock(shop.lastRun.finishedAt)}`
    : '';
  return (
    <li data-appid={appid}>
      <div class="shop-head">
        <strong>{shop.name}</strong> {appid}{' '}
        <span class="pill" data-state={state}>
          {shop.status === 'unbound' ? 'Unbound' : shop.running ? 'Syncing' : 'Idle'}
        </span>
      </div>
      {shop.running && <RunLine run={shop.running} />}
      <div class="what">{`${migration}${run}${shop.autoSync ? '' : ' · auto-sync off'}`}</div>
    </li>
  );
};

/** The bound Mini-Shops and their runs, live from the monitor room; not shown while there are none. */
export const MiniShopPanel = ({ shops }: { shops: Map<string, MiniShopMonitor> }) =>
  shops.size === 0 ? null : (
    <section class="panel" id="minishop-panel">
      <div class="panel-head">
        <h2>Mini-Shop sync</h2>
        <span class="hint">migrations and auto-sync runs, live</span>
      </div>
      <ul id="minishop" class="shops">
        {[...shops].map(([appid, shop]) => (
          <ShopItem appid={appid} shop={shop} />
        ))}
      </ul>
    </section>
  );
