import { monitorRoomOf } from '../monitor/roomFeed';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import { findMiniShop, type MiniShop } from './records/miniShopRecords';
import type { ShopContext } from './shopContext';
import { miniShopMonitorOf } from './sync/monitorView';
import { progress, type SyncProgress } from './syncRuns';

export type ShopView = MiniShop & { progress: SyncProgress };

export const shopNotFound = refusal(404, 'not_found', 'Mini-Shop not bound here', 'appid');
const shopUnbound = refusal(409, 'shop_unbound', 'the Mini-Shop is unbound: bind it again first');

/** The shop with its run progress, or a refusal when it was never bound here. */
export const view = async (sync: ShopContext): Promise<ShopView | Refusal> => {
  const shop = await findMiniShop(sync.db(), sync.appid);
  if (!shop) return shopNotFound;
  return { ...shop, progress: progress(sync) };
};

/** The shop as it now stands, also shown in the monitor room. */
export const changed = async (sync: ShopContext): Promise<ShopView | Refusal> => {
  const shopView = await view(sync);
  if (!('refused' in shopView)) {
    await monitorRoomOf(sync.env).showMiniShop(sync.appid, miniShopMonitorOf(shopView, clock.now()));
  }
  return shopView;
};

/** The shop while it is bound; a refusal once unbound or when it was never bound here. */
export const boundShop = async (sync: ShopContext): Promise<MiniShop | Refusal> => {
  const shop = await findMiniShop(sync.db(), sync.appid);
  if (!shop) return shopNotFound;
  return shop.status === 'bound' ? shop : shopUnbound;
};
