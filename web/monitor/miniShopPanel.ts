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

const runLine = (run: MiniShopRunMonitor): HTMLElement => {
  const line = document.createElement('div');
  line.className = 'run';
  const text = document.createElement('span');
  text.textContent = `${RUN_NAMES[run.kind]} since ${clock(run.startedAt)}, ${run.phase} phase: ${counted('products', run)} · ${counted('orders', run)}${run.errors > 0 ? ` · ${run.errors} error(s)` : ''}`;
  const bar = document.createElement('progress');
  const phase = run.phase === 'orders' ? 'orders' : 'products';
  const total = run.total[phase];
  if (total !== null && run.phase !== 'setup') {
    bar.max = Math.max(total, 1);
    bar.value = run.done[phase];
  }
  line.append(text, bar);
  return line;
};

const shopItem = (appid: string, shop: MiniShopMonitor): HTMLElement => {
  const li = document.createElement('li');
  li.dataset.appid = appid;
  const head = document.createElement('div');
  head.className = 'shop-head';
  const name = document.createElement('strong');
  name.textContent = shop.name;
  const state = document.createElement('span');
  // The channel cards' pills: syncing while a run goes, red once unbound.
  state.className = 'pill';
  state.dataset.state = shop.status === 'unbound' ? 'lagging' : shop.running ? 'syncing' : 'idle';
  state.textContent = shop.status === 'unbound' ? 'Unbound' : shop.running ? 'Syncing' : 'Idle';
  head.append(name, ` ${appid} `, state);
  const last = document.createElement('div');
  last.className = 'what';
  const migration = shop.lastMigration
    ? `Last migration ${clock(shop.lastMigration.finishedAt)}: ${shop.lastMigration.products} products, ${shop.lastMigration.orders} orders`
    : 'Not migrated yet';
  const run = shop.lastRun
    ? ` · last run ${shop.lastRun.kind} ${shop.lastRun.outcome} at ${clock(shop.lastRun.finishedAt)}`
    : '';
  last.textContent = `${migration}${run}${shop.autoSync ? '' : ' · auto-sync off'}`;
  li.append(head, ...(shop.running ? [runLine(shop.running)] : []), last);
  return li;
};

/** The bound Mini-Shops and their runs, live from the monitor room; hidden while there are none. */
export const showMiniShops = (panel: HTMLElement, list: HTMLElement, shops: Map<string, MiniShopMonitor>): void => {
  panel.hidden = shops.size === 0;
  list.replaceChildren(...[...shops].map(([appid, shop]) => shopItem(appid, shop)));
};
